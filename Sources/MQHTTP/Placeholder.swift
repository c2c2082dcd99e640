enum _PlaceholderMQHTTP {}

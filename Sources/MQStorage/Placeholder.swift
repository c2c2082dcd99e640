enum _PlaceholderMQStorage {}

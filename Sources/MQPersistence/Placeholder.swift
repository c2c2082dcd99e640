enum _PlaceholderMQPersistence {}

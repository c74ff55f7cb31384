enum PlaceholderPodchatApp {}

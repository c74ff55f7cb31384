enum PlaceholderPodchatSimulator {}

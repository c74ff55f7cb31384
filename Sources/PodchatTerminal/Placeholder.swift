enum PlaceholderPodchatTerminal {}

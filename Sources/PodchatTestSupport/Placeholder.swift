enum PlaceholderPodchatTestSupport {}

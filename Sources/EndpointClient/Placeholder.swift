enum PlaceholderEndpointClient {}

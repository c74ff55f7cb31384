/// The settings one run talks with and the endpoint id `--endpoint` gave, when it gave an id
/// rather than a name.
package struct EndpointSelection: Sendable, Equatable {
    package var config: Config
    package var endpointID: String?
}

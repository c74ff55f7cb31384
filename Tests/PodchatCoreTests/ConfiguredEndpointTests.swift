import PodchatCore
import Testing

/// The endpoints `podchat endpoints` lists from a config: which, in what order, which is the
/// default, and their kind and target.
@Suite struct ConfiguredEndpointTests {
    private func listed(_ text: String) throws -> [ConfiguredEndpoint] {
        try Config.parse(text, path: "c.json").configuredEndpoints
    }

    @Test func theTopLevelEndpointComesFirstThenTheNamedOnesByName() throws {
        let endpoints = try listed(
            #"{"endpoint_id": "top", "endpoints": {"z": {"endpoint_url": "http://127.0.0.1:9/v2/z"}, "a": {"openai_base_url": "http://h:1/v1"}}}"#)
        #expect(endpoints.map(\.name) == [nil, "a", "z"])
        #expect(endpoints.map(\.isDefault) == [true, false, false])
        #expect(endpoints.map(\.kind) == ["runpod", "openai", "runpod"])
        #expect(endpoints.map(\.target) == ["https://api.runpod.ai/v2/top", "http://h:1/v1", "http://127.0.0.1:9/v2/z"])
    }

    @Test func theNamedDefaultIsMarkedAndAFileWithoutAnEndpointListsNone() throws {
        let endpoints = try listed(#"{"default_endpoint": "b", "endpoints": {"a": {"endpoint_id": "a"}, "b": {"endpoint_id": "b"}}}"#)
        #expect(endpoints.map(\.isDefault) == [false, true])
        #expect(try listed("{}").isEmpty)
    }

    @Test func anOpenAIBaseURLMakesAnOpenAIEndpointEvenBesideAnID() throws {
        let endpoints = try listed(#"{"endpoint_id": "x", "openai_base_url": "http://h:1/v1"}"#)
        #expect(endpoints.map(\.kind) == ["openai"])
        #expect(endpoints.map(\.target) == ["http://h:1/v1"])
    }
}

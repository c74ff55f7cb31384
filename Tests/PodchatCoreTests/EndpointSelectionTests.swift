import PodchatCore
import Testing

/// `--endpoint NAME-OR-ID`: a configured name first, else an endpoint id as before.
@Suite struct EndpointSelectionTests {
    private let config: Config = {
        let text = """
            {"endpoint_id": "top", "endpoints": {"qwen": {"endpoint_id": "q1"}, "local": {"openai_base_url": "http://127.0.0.1:8000/v1"}}}
            """
        return (try? Config.parse(text, path: "c.json")) ?? Config()
    }()

    @Test func aConfiguredNameChoosesThatEndpointsSettings() {
        let selection = config.choosingEndpoint("local")
        #expect(selection.endpointID == nil)
        #expect(selection.config.endpointName == "local")
        #expect(selection.config.openAIBaseURL == "http://127.0.0.1:8000/v1")
    }

    @Test func anythingElseIsAnEndpointIDOverTheTopLevelSettings() {
        let selection = config.choosingEndpoint("abc123")
        #expect(selection.endpointID == "abc123")
        #expect(selection.config.endpointName == nil)
        #expect(selection.config.endpointID == "top")
    }

    @Test func aNameWinsOverAnIDThatLooksTheSame() throws {
        let named = try Config.parse(#"{"endpoints": {"abc123": {"endpoint_id": "real"}}}"#, path: "c.json")
        #expect(named.choosingEndpoint("abc123").config.endpointID == "real")
        #expect(named.choosingEndpoint("abc123").endpointID == nil)
    }

    @Test func withoutTheFlagTheDefaultEndpointIsChosen() throws {
        let withDefault = try Config.parse(
            #"{"default_endpoint": "qwen", "endpoints": {"qwen": {"endpoint_id": "q1"}, "b": {"endpoint_id": "b"}}}"#, path: "c.json")
        #expect(withDefault.choosingEndpoint(nil).config.endpointName == "qwen")
        #expect(config.choosingEndpoint(nil).config.endpointName == nil)
    }

    @Test func theChosenNameResolvesToItsRunpodURL() throws {
        let chosen = config.choosingEndpoint("qwen")
        let choice = try EndpointChoice.resolve(
            config: chosen.config, configPath: "c.json", endpointID: chosen.endpointID, keys: environmentKeys(["RUNPOD_API_KEY": "k"]))
        guard case .runpod(let endpoint) = choice else {
            Issue.record("chose \(choice)")
            return
        }
        #expect(endpoint.baseURL == "https://api.runpod.ai/v2/q1")
    }
}

import EndpointClient
import PodchatCore
import PodchatSimulator
import Testing

/// Both backends against the simulator playing what llama.cpp's server (and a proxy handler in
/// front of it) did in the real-server lane: `[[sim:llamacpp]]` streams Python-style JSON with
/// `\uXXXX` escapes, a `: ping` comment, one choice and no usage; `[[sim:noreply]]` completes a
/// job with no output at all.
@Suite struct LlamaCppServerTests {
    @Test func theOpenAIBackendReadsLlamaCppsStreamAsTheSameText() async throws {
        try await OpenAIBackendSimulatorTests.withSimulator(.proxy) { _, backend in
            let plain = await RunpodBackendTests.collect(backend.complete(OpenAIBackendSimulatorTests.request("Ça va? ✓")))
            let llama = await RunpodBackendTests.collect(
                backend.complete(OpenAIBackendSimulatorTests.request("Ça va? ✓ [[sim:llamacpp]]", ["n": 2])))
            #expect(llama.failure == nil)
            // The simulator's greeting depends on the message, so the quoted words are compared.
            let text = try #require(OpenAIBackendSimulatorTests.texts(llama.events)[0])
            #expect(text.contains("You wrote “Ça va? ✓”"))
            #expect(OpenAIBackendSimulatorTests.texts(plain.events)[0]?.contains("You wrote “Ça va? ✓”") == true)
            // One choice although two were asked for, and no usage although it was asked for.
            #expect(OpenAIBackendSimulatorTests.texts(llama.events).count == 1)
            #expect(!llama.events.contains { if case .usage = $0 { true } else { false } })
            #expect(llama.events.last == .finished(.completed))
        }
    }

    @Test func theRunpodBackendReadsLlamaCppsStreamThroughTheProxyWorker() async throws {
        try await RunpodBackendSimulatorTests.withSimulator(.proxy) { _, backend in
            let (events, failure) = await RunpodBackendSimulatorTests.run(
                backend.complete(RunpodBackendSimulatorTests.request("Grüße ✓ [[sim:llamacpp]]")))
            #expect(failure == nil)
            #expect(OpenAIBackendSimulatorTests.texts(events)[0]?.contains("Grüße ✓") == true)
            #expect(events.last == .finished(.length))  // The request's max_tokens is 64.
        }
    }

    @Test func aJobThatCompletedWithNoOutputFailsAndSaysSo() async throws {
        try await RunpodBackendSimulatorTests.withSimulator(.proxy) { _, backend in
            let (events, failure) = await RunpodBackendSimulatorTests.run(backend.complete(RunpodBackendSimulatorTests.request("Hi [[sim:noreply]]")))
            let message = try #require(failure, "events: \(events)")
            #expect(message.contains("completed without any output"))
            #expect(!events.contains { if case .finished = $0 { true } else { false } })
        }
    }

    @Test func anEmptyEventStreamFromTheServerFailsAndSaysSo() async throws {
        try await OpenAIBackendSimulatorTests.withSimulator(.proxy) { _, backend in
            let reply = await RunpodBackendTests.collect(backend.complete(OpenAIBackendSimulatorTests.request("Hi [[sim:noreply]]")))
            #expect(reply.failure?.contains("without sending a reply") == true)
        }
    }
}

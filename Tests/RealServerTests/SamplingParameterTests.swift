import Foundation
import PodchatCore
import Testing

extension RealServerLane {
    /// The panel's sampling parameters reach a real model and do what they say, and none is
    /// silently lost: each is either taken by the server or refused with a message.
    @Suite struct SamplingParameterTests {
        static let question = "Tell me a story about a dragon and a knight."

        @Test(arguments: Transport.allCases)
        func maxTokensFiveEndsWithFinishLength(transport: Transport) async throws {
            let servers = try RealServers.required()
            let direct = try await DirectRequest.chat(
                servers, messages: [["role": "user", "content": Self.question]], parameters: ["temperature": 0, "max_tokens": 5])
            let reply = try await PodchatAsk.run(transport, Self.question, settings: [("temperature", "0"), ("max_tokens", "5")])
            #expect(reply.status == 0, "stderr: \(reply.standardError)")
            #expect(reply.finishReason == "length")
            #expect(reply.text == direct.text)
            if let usage = reply.json["usage"] as? [String: Any] { #expect(usage["completion_tokens"] as? Int == 5) }
        }

        @Test(arguments: Transport.allCases)
        func aStopStringEndsTheReplyJustBeforeIt(transport: Transport) async throws {
            let servers = try RealServers.required()
            let free = try await DirectRequest.chat(
                servers, messages: [["role": "user", "content": Self.question]], parameters: ["temperature": 0, "max_tokens": 48])
            // The first word the model adds of its own (it starts by echoing the question).
            let stop = try #require(
                free.text.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.count >= 4 && !Self.question.contains($0) },
                "no word of the model's own in: \(free.text)")
            let before = String(free.text[..<free.text.range(of: stop)!.lowerBound])
            let reply = try await PodchatAsk.run(
                transport, Self.question, settings: [("temperature", "0"), ("max_tokens", "48"), ("stop", "[\"\(stop)\"]")])
            #expect(reply.status == 0, "stderr: \(reply.standardError)")
            #expect(reply.text == before)
            #expect(reply.finishReason == "stop")
        }

        @Test func aFixedSeedRepeatsTheSameTextOnBothTransports() async throws {
            let sampled = [("temperature", "1"), ("max_tokens", "24"), ("seed", "1234")]
            let first = try await PodchatAsk.run(.openAI, Self.question, settings: sampled)
            let again = try await PodchatAsk.run(.openAI, Self.question, settings: sampled)
            let asAJob = try await PodchatAsk.run(.runpodJob, Self.question, settings: sampled)
            let otherSeed = try await PodchatAsk.run(
                .openAI, Self.question, settings: [("temperature", "1"), ("max_tokens", "24"), ("seed", "4321")])
            #expect(!first.text.isEmpty, "stderr: \(first.standardError)")
            #expect(again.text == first.text)
            #expect(asAJob.text == first.text)
            #expect(otherSeed.text != first.text, "the seed made no difference: is it ignored?")
        }

        /// Every parameter the panel offers, set to a value other than its default: the reply
        /// either comes (the server took the request) or podchat says why not. The server's own
        /// schema (`/openapi.json`) tells which of the accepted ones it reads; the others it
        /// ignores without a word, and this test lists them.
        @Test(arguments: Transport.allCases)
        func everyPanelParameterIsAcceptedOrRefusedWithAMessage(transport: Transport) async throws {
            let servers = try RealServers.required()
            let readFields = try await Self.chatRequestFields(servers)
            var ignored: [String] = []
            var refused: [String] = []
            for parameter in SamplingParameter.all {
                let value = Self.nonDefaultValue(parameter)
                let settings = parameter == .maxTokens ? [(parameter.name, value)] : [(parameter.name, value), ("max_tokens", "3")]
                let reply = try await PodchatAsk.run(transport, "Hi", settings: settings)
                if reply.status == 0 {
                    let fields = Self.requestFields(parameter)
                    if fields.isEmpty || !fields.allSatisfy(readFields.contains) || (parameter == .n && reply.choiceCount < 2) {
                        ignored.append(parameter.name)
                    }
                } else {
                    refused.append("\(parameter.name): \(reply.standardError)")
                    #expect(reply.standardError.hasPrefix("podchat: "), "\(parameter.name)=\(value): \(reply.standardError)")
                    #expect(!reply.standardError.contains("Traceback"), "\(parameter.name)=\(value): \(reply.standardError)")
                    #expect(reply.standardError.count < 600, "\(parameter.name)=\(value): a message, not a dump: \(reply.standardError)")
                }
            }
            print("[\(transport.rawValue)] accepted but ignored by llama.cpp's server: \(ignored.joined(separator: ", "))")
            print("[\(transport.rawValue)] refused: \(refused.isEmpty ? "none" : refused.joined(separator: "\n"))")
            // What the server is known to ignore (its schema lacks them, or `n` > 1 gives one choice).
            #expect(ignored.contains("n"))
            #expect(ignored.contains("repetition_penalty"))
            #expect(!ignored.contains("temperature") && !ignored.contains("seed") && !ignored.contains("stop"))
        }

        /// The body fields llama.cpp's server reads from a chat request.
        static func chatRequestFields(_ servers: RealServers) async throws -> Set<String> {
            let schema = try await DirectRequest.get("http://127.0.0.1:\(servers.llamaPort)/openapi.json").json
            let schemas = (schema?["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let request = schemas?["CreateChatCompletionRequest"] as? [String: Any]
            return Set(((request?["properties"] as? [String: Any]) ?? [:]).keys)
        }

        /// The body fields podchat sends a chat request for `parameter` (none for worker-vllm's
        /// batching fields, which go beside `sampling_params` and never reach the server).
        static func requestFields(_ parameter: SamplingParameter) -> [String] {
            switch parameter.placement {
            case .jobInput: []
            case .chatTemplateKwargs: ["chat_template_kwargs"]
            case .samplingParams: parameter == .logprobs ? ["logprobs", "top_logprobs"] : [parameter.name]
            }
        }

        /// A valid value other than the documented default, as `--set` takes it.
        static func nonDefaultValue(_ parameter: SamplingParameter) -> String {
            switch parameter.kind {
            case .boolean: return parameter.documentedDefault == .bool(true) ? "false" : "true"
            case .choice(let options): return options[0]
            case .stringList: return #"["zzzz"]"#
            case .integerList: return "[2]"
            case .integer, .decimal:
                let range = parameter.range ?? 0...1_000
                let start = parameter.documentedDefault.numberValue ?? range.lowerBound
                let value = start + parameter.step <= range.upperBound ? start + parameter.step : start - parameter.step
                return parameter.kind == .integer ? String(Int(value)) : String(value)
            }
        }
    }
}

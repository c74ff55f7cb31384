import NIOHTTP1
import PodchatCore

extension SimulatorResponse {
    /// A poll's JSON answer as `fault` misshapes it (a reset or malformed answer; the other
    /// faults answer before this), with a `[[sim:badutf8]]` job's broken bytes put in.
    static func pollAnswer(_ value: JSONValue, fault: PollFault?, badUTF8: Bool) -> SimulatorResponse {
        let bytes = badUTF8 ? BrokenUTF8.applied(to: value.encodedBytes) : value.encodedBytes
        let answer = SimulatorResponse(status: .ok, headers: [("Content-Type", "application/json")], body: .bytes(bytes))
        switch fault {
        case .reset?: return answer.cutOff
        case .malformed?: return answer.replacingBody(with: Array(bytes.prefix(bytes.count / 2)))
        case .http?, .stall?, nil: return answer
        }
    }

    /// This answer with its head and half its body, after which the connection closes.
    var cutOff: SimulatorResponse {
        let bytes: [UInt8]
        switch body {
        case .text(let text): bytes = Array(text.utf8)
        case .bytes(let whole): bytes = whole
        case .cut, .stream: return self  // already cut, or of unknown length
        }
        return SimulatorResponse(
            status: status, headers: headers, body: .cut(Array(bytes.prefix(bytes.count / 2)), declaredLength: bytes.count))
    }

    private func replacingBody(with bytes: [UInt8]) -> SimulatorResponse {
        SimulatorResponse(status: status, headers: headers, body: .bytes(bytes))
    }
}

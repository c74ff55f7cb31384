import Foundation
import PodchatCore
import Testing

/// The `curl` command of a request preview: run by a real shell, it passes every byte of the
/// body and the URL as they are, and takes the key from the environment.
@Suite struct RequestPreviewCurlTests {
    static let key = RequestPreview.Header(name: "Authorization", value: "Bearer $RUNPOD_API_KEY", expandsVariable: true)

    static func preview(body: String, headers: [RequestPreview.Header] = [key]) -> RequestPreview {
        RequestPreview(method: "POST", url: "http://127.0.0.1:1/v2/x/runsync?wait=1000&a='b'", headers: headers, body: Array(body.utf8))
    }

    /// The words `command` gives `curl`, as `sh` splits and expands them (with `curl` replaced
    /// by `printf '%s\0'`), in an environment holding only `RUNPOD_API_KEY=secret`.
    static func words(of command: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let replaced = "printf '%s\\0'" + command.dropFirst("curl".count)
        process.arguments = ["-c", replaced]
        process.environment = ["RUNPOD_API_KEY": "secret", "PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test(arguments: [
        #"{"text":"plain"}"#,
        #"{"text":"It's a 'quote' and \"double\""}"#,
        "{\"text\":\"$HOME `id` $(id) \\\\ ! * ? ~ # ; & | > <\"}",
        "{\"text\":\"ünïcödé 日本語 🙂\"}",
        "{\"text\":\"a raw\nnewline and a tab\t\"}",
    ])
    func theShellPassesTheBodyAndURLByteForByte(body: String) throws {
        let preview = Self.preview(body: body)
        let words = try Self.words(of: preview.curlCommand)
        #expect(words.last == body)
        #expect(words.contains(preview.url))
        #expect(words.contains("Authorization: Bearer secret"), "the shell fills the key in from the variable")
        #expect(!preview.curlCommand.contains("secret"))
    }

    @Test func aHeaderThatWouldDoMoreThanExpandTheVariableIsSingleQuoted() {
        let odd = RequestPreview.Header(name: "Authorization", value: "Bearer $KEY`id`", expandsVariable: true)
        #expect(Self.preview(body: "{}", headers: [odd]).curlCommand.contains("-H 'Authorization: Bearer $KEY`id`'"))
    }

    @Test func aGetHasNoBodyAndAnUnusualMethodIsNamed() {
        let get = RequestPreview(method: "GET", url: "http://h/status/1", headers: [], body: [])
        #expect(get.curlCommand == "curl -sS \\\n  'http://h/status/1'")
        let put = RequestPreview(method: "PUT", url: "http://h/x", headers: [], body: Array("{}".utf8))
        #expect(put.curlCommand == "curl -sS \\\n  -X PUT \\\n  'http://h/x' \\\n  --data-binary '{}'")
    }

    @Test func thePrettyBodyIsIndentedSortedJSONOrTheTextAsItIs() {
        #expect(Self.preview(body: #"{"b":1,"a":[true]}"#).prettyBody == JSONValue.object(["a": [true], "b": 1]).prettyText)
        #expect(Self.preview(body: #"{"b":1,"a":[true]}"#).prettyBody.contains("\n"))
        #expect(Self.preview(body: "not json").prettyBody == "not json")
    }
}

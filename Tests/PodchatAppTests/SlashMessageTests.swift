import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct SlashMessageTests {
    @Test func aDoubleSlashSendsAMessageStartingWithASlash() {
        var app = AppHarness()
        app.type("//etc/hosts is a file")
        app.press(.enter)
        #expect(app.lastStartedRequest?.request.messages.last?.content == "/etc/hosts is a file")
    }
}

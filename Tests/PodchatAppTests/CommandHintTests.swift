import PodchatApp
import PodchatTestSupport
import Testing

@Suite struct CommandHintTests {
    private func divider(after typing: String) -> String {
        var app = AppHarness()
        app.type(typing)
        return app.screen.lines[app.screen.size.height - 3]
    }

    @Test func aCommandBeingTypedShowsItsUsageOnTheDivider() {
        #expect(divider(after: "/copy").contains("/copy [code N] — copy the last reply, or its code block N"))
        #expect(divider(after: "/set temp").contains("/set NAME VALUE — set a sampling parameter"))
        #expect(divider(after: "/re").contains("/reset /regen"))
        #expect(divider(after: "/zz").contains("no such command"))
        #expect(!divider(after: "hello /copy").contains("—"))
    }
}

import PodchatCore

/// The token cursor: with shading on (F7), `←` `→` in the transcript walk a reply's tokens, and
/// the one picked shows its probability and the alternatives the server listed.
extension AppState {
    mutating func moveTokenCursor(by offset: Int) {
        guard viewport.showsProbabilities else {
            return show("← → walk a reply's tokens once replies are shaded by probability (F7)", expiresIn: .seconds(4))
        }
        guard let (message, tokens) = tokenCursorTarget else {
            return show("No reply here has log probabilities to walk: set logprobs (/set logprobs 5) and ask", expiresIn: .seconds(5))
        }
        viewport.moveTokenCursor(by: offset, count: tokens.count, message: message)
    }

    /// The reply the token cursor walks: the cursor's message when it is a shaded reply, else
    /// the newest shaded reply.
    private var tokenCursorTarget: (message: Int, tokens: [TokenLogprob])? {
        let entries = conversation.entries
        if let cursor = viewport.cursor, entries.indices.contains(cursor), let tokens = entries[cursor].shadeableTokens {
            return (cursor, tokens)
        }
        guard let index = entries.lastIndex(where: { $0.shadeableTokens != nil }), let tokens = entries[index].shadeableTokens else {
            return nil
        }
        return (index, tokens)
    }
}

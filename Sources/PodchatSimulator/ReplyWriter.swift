/// Writes the simulated model's replies: deterministic, readable, and honest about being a
/// simulation, so a demo session explains itself.
enum ReplyWriter {
    /// How much of the user's message the reply quotes.
    static let quoteLimit = 60

    private static let openers = [
        "Thanks for your message", "Hello from the simulator", "Message received", "Good to hear from you",
    ]

    /// The reply to `message` for choice `choice`; choices differ in their opening words.
    static func reply(to message: String, choice: Int) -> String {
        let opener = openers[Int((stableHash(message) &+ UInt64(choice)) % UInt64(openers.count))]
        let quote = quoted(message)
        let wordCount = message.split(whereSeparator: \.isWhitespace).count
        let acknowledgement =
            quote.isEmpty
            ? "You sent an empty message."
            : "You wrote “\(quote)”, \(wordCount) \(wordCount == 1 ? "word" : "words") in all."
        let explanation =
            "This reply comes from podchat's built-in simulator, standing in for a Runpod Serverless endpoint "
            + "running worker-vllm; no model was involved. To chat with a real model, start podchat with --endpoint ID "
            + "or set endpoint_id in the config file, and put your API key in RUNPOD_API_KEY."
        // Right after the quote, so that a short max_tokens still leaves some CJK in the reply.
        let cjk = message.contains(where: WordPieceTokenizer.isCJK) ? " 这是模拟器的回复，不是真正的模型。" : ""
        return "\(opener)! \(acknowledgement)\(cjk) \(explanation)"
    }

    /// The reply's tokens, after `preface`; with `length`, exactly that many, padded with filler sentences.
    static func tokens(replyingTo message: String, choice: Int, length: Int?, preface: String = "") -> [String] {
        var tokens = WordPieceTokenizer.tokens(of: preface + reply(to: message, choice: choice))
        guard let length else { return tokens }
        var sentence = 1
        while tokens.count < length {
            tokens += WordPieceTokenizer.tokens(of: " Filler sentence \(sentence) keeps this benchmark reply going.")
            sentence += 1
        }
        return Array(tokens.prefix(length))
    }

    /// A reasoning model's thinking before its reply to `message`: exactly `length` tokens of
    /// sentences that say what they are, differing per choice.
    static func thinking(about message: String, choice: Int, length: Int) -> [String] {
        guard length > 0 else { return [] }
        let quote = quoted(message)
        var tokens = WordPieceTokenizer.tokens(of: "Thinking (choice \(choice + 1)): the user wrote “\(quote)”.")
        var step = 1
        while tokens.count < length {
            tokens += WordPieceTokenizer.tokens(of: " Step \(step): weighing how to answer.")
            step += 1
        }
        return Array(tokens.prefix(length))
    }

    /// The message on one line, cut to ``quoteLimit`` characters.
    private static func quoted(_ message: String) -> String {
        let line = message.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count > quoteLimit ? line.prefix(quoteLimit - 1) + "…" : line
    }

    /// FNV-1a: unlike `Hasher`, the same in every process, so replies are reproducible.
    private static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}

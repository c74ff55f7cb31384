import Foundation
import PodchatCore

/// podchat(1) in the man(7) macros, written from ArgumentParser's description of the commands
/// (what `podchat --experimental-dump-help` prints), so the page lists exactly the commands,
/// arguments and help texts the parser knows. Hidden commands are left out.
struct ManualPage {
    /// The dump-help description's `command` object.
    let command: JSONValue
    /// What `--version` prints, for the page's footer.
    let version: String

    /// The whole page.
    var text: String {
        let name = command["commandName"]?.stringValue ?? "podchat"
        var lines = [
            ".TH \(name.uppercased()) 1 \"\" \(Self.quoted(version)) \"User Commands\"",
            ".SH NAME",
            "\(Self.escaped(name)) \\- \(Self.escaped(command["abstract"]?.stringValue ?? ""))",
            ".SH SYNOPSIS",
            "\\fB\(Self.escaped(name))\\fR [\\fIcommand\\fR] [\\fIoptions\\fR]",
            ".SH DESCRIPTION",
        ]
        lines += Self.paragraphs(command["discussion"]?.stringValue)
        lines += [".SH OPTIONS"] + Self.arguments(of: command)
        lines += [".SH COMMANDS"] + Self.sections(for: Self.visibleSubcommands(of: command), under: name)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A section per command, then one per subcommand of it, depth first.
    private static func sections(for commands: [JSONValue], under parent: String) -> [String] {
        commands.flatMap { command -> [String] in
            let path = "\(parent) \(command["commandName"]?.stringValue ?? "")"
            let heading = [".SS \(quoted(path))"] + paragraphs(command["abstract"]?.stringValue)
            let body = paragraphs(command["discussion"]?.stringValue) + arguments(of: command)
            return heading + body + sections(for: visibleSubcommands(of: command), under: path)
        }
    }

    private static func visibleSubcommands(of command: JSONValue) -> [JSONValue] {
        (command["subcommands"]?.arrayValue ?? []).filter { $0["shouldDisplay"]?.boolValue != false }
    }

    /// A tagged paragraph per argument: its names and value, then its help.
    private static func arguments(of command: JSONValue) -> [String] {
        let shown = (command["arguments"]?.arrayValue ?? []).filter { $0["shouldDisplay"]?.boolValue != false }
        return shown.flatMap { argument in
            [".TP", usage(of: argument)] + paragraphs(argument["abstract"]?.stringValue).dropFirst()
        }
    }

    /// `\fB--port\fR \fIport\fR`, `\fB-h\fR, \fB--help\fR` or `\fIquestion\fR` for a positional.
    private static func usage(of argument: JSONValue) -> String {
        let value = argument["valueName"]?.stringValue.map { "\\fI\(escaped($0))\\fR" }
        if argument["kind"]?.stringValue == "positional" { return value ?? "" }
        let names = (argument["names"]?.arrayValue ?? []).compactMap { name -> String? in
            guard let text = name["name"]?.stringValue else { return nil }
            let dashes = name["kind"]?.stringValue == "long" ? "--" : "-"
            return "\\fB\(escaped(dashes + text))\\fR"
        }
        let isOption = argument["kind"]?.stringValue == "option"
        return names.joined(separator: ", ") + (isOption ? value.map { " " + $0 } ?? "" : "")
    }

    /// `.PP` before each paragraph of `text` (blank-line separated); nothing for no text.
    private static func paragraphs(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.components(separatedBy: "\n\n").flatMap { paragraph in
            [".PP"] + paragraph.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }
        }
    }

    /// `text` safe as a line of troff: backslashes and hyphens escaped, and a line that would
    /// start with a control character made plain.
    static func escaped(_ text: String) -> String {
        let safe = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        return safe.hasPrefix(".") || safe.hasPrefix("'") ? "\\&" + safe : safe
    }

    private static func quoted(_ text: String) -> String {
        "\"" + escaped(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
    }
}

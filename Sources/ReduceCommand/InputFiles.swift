import Foundation

/// The input files of a run, from `--files`, positional arguments and `@listfile`s (one path
/// per line, `#` comments, paths relative to the list file's folder; lists may nest).
enum InputFiles {
    static func expand(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            if argument.hasPrefix("@") { files += try list(String(argument.dropFirst()), depth: 0) }
            else { files.append(argument) }
        }
        return files
    }

    private static func list(_ path: String, depth: Int) throws -> [String] {
        guard depth < 10 else { throw UsageError("@\(path): list files nest more than 10 deep; is one listing itself?") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("@\(path): cannot read the list file")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var files: [String] = []
        for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            var line = String(raw)
            if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("@") {
                let nested = String(line.dropFirst())
                files += try list(nested.hasPrefix("/") ? nested : folder.appendingPathComponent(nested).path, depth: depth + 1)
            } else {
                files.append(line.hasPrefix("/") ? line : relative(folder.appendingPathComponent(line).path))
            }
        }
        return files
    }

    /// Paths under the working directory are shown relative to it.
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        return standard.hasPrefix(cwd) ? String(standard.dropFirst(cwd.count)) : standard
    }
}

/// Bad usage: printed as is, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

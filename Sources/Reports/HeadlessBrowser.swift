import Foundation

/// A headless Chromium found on the PATH, used to print a report to PDF and to take
/// screenshots of it (the tests look at what a reader sees).
///
/// ```swift
/// let browser = try HeadlessBrowser.find()     // the error says what is missing
/// try browser.printPDF(html: report, to: pdf)
/// try browser.screenshot(html: report, to: png, width: 1280, height: 2400)
/// ```
public struct HeadlessBrowser: Sendable {
    /// Executable names tried in order (Debian's package is `chromium`).
    public static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    public let executable: String

    public init(executable: String) { self.executable = executable }

    /// The `ASTROKIT_BROWSER` executable when set, else the first candidate on `PATH`.
    /// - Throws: `BrowserError` saying what is missing and how to install it.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws(BrowserError) -> HeadlessBrowser {
        if let chosen = environment["ASTROKIT_BROWSER"], !chosen.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: chosen) else {
                throw BrowserError("ASTROKIT_BROWSER names \(chosen), which is not an executable file")
            }
            return HeadlessBrowser(executable: chosen)
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for folder in folders {
                let path = (folder as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: path) { return HeadlessBrowser(executable: path) }
            }
        }
        throw BrowserError("no headless browser found: none of \(candidates.joined(separator: ", ")) is on the PATH; install Debian's chromium package (apt-get install chromium) or name one with ASTROKIT_BROWSER")
    }

    /// Prints the page to a PDF, written atomically (temporary file, then rename).
    public func printPDF(html: URL, to pdf: URL) throws {
        let temporary = pdf.deletingLastPathComponent().appendingPathComponent(".\(pdf.lastPathComponent).partial")
        try? FileManager.default.removeItem(at: temporary)
        try run(["--no-pdf-header-footer", "--print-to-pdf=\(temporary.path)", html.absoluteURL.absoluteString], output: temporary)
        guard rename(temporary.path, pdf.path) == 0 else {
            throw BrowserError("cannot move the PDF to \(pdf.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Renders the page at a window size to a PNG.
    public func screenshot(html: URL, to png: URL, width: Int, height: Int) throws {
        try? FileManager.default.removeItem(at: png)
        try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png.path)", html.absoluteURL.absoluteString], output: png)
    }

    private func run(_ arguments: [String], output: URL) throws {
        // A private profile per call: parallel runs must not share (and lock) one.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("astrokit-browser-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // --no-sandbox: Chromium's sandbox refuses to start as root (containers, CI).
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(profile.path)"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw BrowserError("\(executable) cannot be started: \(error.localizedDescription)") }
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: output.path) else {
            let text = String(decoding: stderr, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " | ")
            throw BrowserError("\(executable) did not write \(output.path) (exit \(process.terminationStatus)): \(text)")
        }
    }
}

public struct BrowserError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

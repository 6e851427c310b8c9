import Foundation
import Testing
@testable import Reports

@Suite struct ExternalReferenceTests {
    @Test func everyWayOfReachingOutsideThePageIsFound() {
        let html = """
        <img src="https://example.org/a.png"><a href="#s1">in page</a><image href="data:image/png;base64,AAAA"/>
        <link href=style.css><script src="x.js"></script><div style="background:url('http://x/y.png')"></div>
        <style>@import "other.css";</style>
        """
        #expect(HTMLDocument.externalReferences(in: html) == [
            "https://example.org/a.png", "style.css", "x.js", "http://x/y.png", #"@import "other.css""#, #"<script src="x.js">"#,
        ])
    }
}

@Suite struct HeadlessBrowserTests {
    @Test func aMissingBrowserIsNamedWithHowToInstallIt() {
        #expect(throws: BrowserError.self) { try HeadlessBrowser.find(environment: ["PATH": "/nonexistent"]) }
        do { _ = try HeadlessBrowser.find(environment: ["PATH": "/nonexistent"]) } catch {
            #expect(error.description == "no headless browser found: none of chromium, chromium-browser, google-chrome, google-chrome-stable is on the PATH; install Debian's chromium package (apt-get install chromium) or name one with ASTROKIT_BROWSER")
        }
        do { _ = try HeadlessBrowser.find(environment: ["ASTROKIT_BROWSER": "/nonexistent/chromium"]) } catch {
            #expect(error.description == "ASTROKIT_BROWSER names /nonexistent/chromium, which is not an executable file")
        }
    }
}

import Foundation
import Testing
@testable import Reports

@Suite struct ChartAxisTests {
    @Test func linearTicksAreOneTwoFiveMultiples() {
        #expect(ChartAxis("t [s]").ticks(in: 0...93) == [0, 20, 40, 60, 80])
        #expect(ChartAxis("x").ticks(in: -0.26...0.31) == [-0.2, -0.1, 0, 0.1, 0.2, 0.3])
        #expect(ChartAxis("x").ticks(in: 2795...2805) == [2796, 2798, 2800, 2802, 2804])
    }

    @Test func logTicksAreDecadesOrOneTwoFiveWithinAShortRange() {
        #expect(ChartAxis("v", scale: .log).ticks(in: 3...40000) == [10, 100, 1000, 10000])
        #expect(ChartAxis("v", scale: .log).ticks(in: 1.5...30) == [2, 5, 10, 20])
        // Within a factor of 5, evenly spaced ticks: decades would leave one or none.
        #expect(ChartAxis("v", scale: .log).ticks(in: 1800...3100) == [2000, 2500, 3000])
    }

    @Test func tickLabelsUseTheDecimalsTheSpacingNeeds() {
        let ticks = ChartAxis("x").ticks(in: 0.86...1.44)
        #expect(ticks.map { ChartAxis.label($0, ticks: ticks) } == ["0.9", "1", "1.1", "1.2", "1.3", "1.4"])
        #expect(ChartAxis.label(2e7, ticks: [1e7, 2e7]) == "2e7")
        #expect(ChartAxis.label(40000, ticks: [20000, 40000]) == "40000")
    }
}

@Suite struct ChartDrawingTests {
    @Test func aChartDrawsEveryFinitePointWithItsErrorBarAndLegend() {
        var chart = Chart(title: "PTC", x: ChartAxis("Signal [ADU]", scale: .log), y: ChartAxis("Variance [ADU²]", scale: .log))
        chart.add(ChartSeries("E data", points: [ChartPoint(100, 30, error: 2), ChartPoint(1000, 290, error: 5),
                                                 ChartPoint(-1, 4), ChartPoint(.nan, 4)]))
        chart.add(ChartSeries("E fit", points: [ChartPoint(100, 29), ChartPoint(1000, 288)], style: .line))
        chart.referenceLines = [ChartReferenceLine(y: 500, label: "limit")]
        let svg = chart.svg()
        // Two finite positive points on log axes: two markers in the plot plus one in the legend.
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
        // Two error bars of three lines each.
        #expect(svg.contains("Signal [ADU]") && svg.contains("Variance [ADU²]") && svg.contains("E fit") && svg.contains("limit"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
    }

    @Test func histogramsCountEveryValueInItsBinAndReportTheRest() {
        let h = Histogram(values: [0, 0.5, 1, 1.5, 9.99, 10, 11, .nan], bins: 10, range: 0...10)
        #expect(h.counts == [2, 2, 0, 0, 0, 0, 0, 0, 0, 2])
        #expect(h.outside == 1)
        #expect(h.series("x").points.count == 3)
    }

    @Test func htmlIsEscapedAndHasNoScriptOrExternalReference() {
        var doc = HTMLDocument(title: "A <b> & \"c\"")
        doc.add(ReportSection("One", [.table(ReportTable(header: ["k"], rows: [[.fail("2751", detail: "limits 2760 ... 2860")]]))]))
        doc.add(ReportSection("Two", [.figure(ReportFigure(svg: Chart(x: ChartAxis("x"), y: ChartAxis("y")).svg(), caption: "empty"))]))
        let html = doc.render()
        #expect(html.contains("A &lt;b&gt; &amp; &quot;c&quot;"))
        #expect(html.contains("<td class=\"fail\">2751<br><small>limits 2760 ... 2860</small></td>"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(doc.figureCount == 1)
    }
}

@Suite struct RasterImageTests {
    @Test func pngRoundTripsThroughLibpng() throws {
        let bytes: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]
        let image = RasterImage(width: 2, height: 2, channels: 3, bytes: bytes)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("raster-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try image.pngData().write(to: url)
        let back = try RasterImage.readPNG(url.path)
        #expect(back.width == 2 && back.height == 2 && back.channels == 4)
        #expect(back.bytes == [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255])
        #expect(back.count { r, g, b, _ in (r, g, b) != (255, 255, 255) } == 3)
    }

    @Test func aFileThatIsNotAPNGIsNamedInTheError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("notpng-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("hello".utf8).write(to: url)
        #expect(throws: RasterImageError.self) { try RasterImage.readPNG(url.path) }
        do { _ = try RasterImage.readPNG(url.path) } catch { #expect("\(error)".hasPrefix("\(url.path): not a readable PNG")) }
    }

    @Test func imageThumbnailsEmbedAPNGAndAColourBarInTheDataUnit() throws {
        var values = [Float](repeating: 100, count: 600 * 400)
        values[0] = .nan
        for i in 0..<400 { values[i * 600 + 300] = 200 }   // a bright column
        let figure = try ImageFigure(values: values, width: 600, height: 400, title: "CCD1 master", unit: "ADU")
        let (reduced, w, h, block) = figure.reduced()
        #expect(block == 3 && w == 200 && h == 134)
        #expect(reduced[100] == (200 + 100 + 100) / 3.0)
        let svg = try figure.svg()
        #expect(svg.contains("href=\"data:image/png;base64,"))
        #expect(svg.contains(">ADU</text>") && svg.contains("(3x3 binned)"))
        #expect(throws: RasterImageError.self) { try ImageFigure(values: [1, 2], width: 3, height: 1, title: "bad", unit: "ADU") }
    }
}

import Testing
@testable import AstroKit

@Suite struct ArithmeticTests {
    func ext(_ sci: [Float], _ variance: [Float]?, _ dq: [UInt16]?) -> ScienceExtension {
        ScienceExtension(science: TestData.plane(sci, width: 2),
                         variance: variance.map { TestData.plane($0, width: 2) },
                         dataQuality: dq.map { PixelArray(shape: [2, 1], values: $0) })
    }

    func dataset(_ e: ScienceExtension) throws -> AstroData {
        try AstroData(primaryHeader: FITSHeader(), extensions: [e], registry: ConfigurationRegistry())
    }

    @Test func propagatesVarianceForEachOperation() throws {
        let a = try dataset(ext([4, 6], [1, 2], [0, DataQuality.saturated.rawValue]))
        let b = try dataset(ext([2, 3], [0.5, 0.25], [DataQuality.badPixel.rawValue, DataQuality.cosmicRay.rawValue]))
        let sum = try a + b
        #expect(try sum.extensions[0].science().values == [6, 9])
        #expect(try sum.extensions[0].variance()?.values == [1.5, 2.25])
        #expect(try sum.extensions[0].dataQuality()?.values == [1, 4 | 8])
        let difference = try a - b
        #expect(try difference.extensions[0].science().values == [2, 3])
        #expect(try difference.extensions[0].variance()?.values == [1.5, 2.25])
        let product = try a * b
        // b²σa² + a²σb²: 4·1 + 16·0.5 = 12; 9·2 + 36·0.25 = 27
        #expect(try product.extensions[0].science().values == [8, 18])
        #expect(try product.extensions[0].variance()?.values == [12, 27])
        let quotient = try a / b
        // σa²/b² + a²σb²/b⁴: 1/4 + 16·0.5/16 = 0.75; 2/9 + 36·0.25/81 = 1/3
        #expect(try quotient.extensions[0].science().values == [2, 2])
        let v = try #require(try quotient.extensions[0].variance()?.values)
        #expect(abs(v[0] - 0.75) < 1e-6 && abs(v[1] - 1.0 / 3.0) < 1e-6)
    }

    @Test func scalarsScaleVariance() throws {
        let a = try dataset(ext([4, 6], [1, 2], nil))
        #expect(try (a * 3).extensions[0].variance()?.values == [9, 18])
        #expect(try (a / 2).extensions[0].variance()?.values == [0.25, 0.5])
        #expect(try (a + 10).extensions[0].variance()?.values == [1, 2])
        #expect(try (a + 10).extensions[0].science().values == [14, 16])
    }

    @Test func missingPlanesCountAsExact() throws {
        let a = try dataset(ext([4, 6], nil, nil))
        let b = try dataset(ext([1, 1], [0.5, 0.5], [2, 0]))
        let sum = try a + b
        #expect(try sum.extensions[0].variance()?.values == [0.5, 0.5])
        #expect(try sum.extensions[0].dataQuality()?.values == [2, 0])
        let exact = try a + a
        #expect(try exact.extensions[0].variance() == nil)
        #expect(try exact.extensions[0].dataQuality() == nil)
    }

    @Test func refusesMismatchedShapes() throws {
        let a = try dataset(ext([4, 6], nil, nil))
        let b = try dataset(ScienceExtension(science: TestData.plane([1, 2, 3], width: 3)))
        #expect(throws: ArithmeticError.self) { try a + b }
        do { _ = try a + b } catch { #expect("\(error)" == "cannot combine extension 0: shapes [2, 1] and [3, 1] differ") }
    }

    @Test func dataQualityBitsHaveNames() {
        let dq: DataQuality = [.saturated, .cosmicRay]
        #expect(dq.description == "saturated|cosmic_ray")
        #expect(DataQuality(rawValue: 0).description == "good")
    }
}

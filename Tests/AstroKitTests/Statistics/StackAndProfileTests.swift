import Testing
@testable import AstroKit

@Suite struct StackAndProfileTests {
    /// image k (5x3): v(x, y) = ((3x + 5y + 7k) % 9) + 0.25k.
    static func frame(_ k: Int) -> PixelArray<Float> {
        var img = PixelArray<Float>(width: 5, height: 3, repeating: 0)
        for y in 0..<3 { for x in 0..<5 { img[x, y] = Float((x * 3 + y * 5 + k * 7) % 9) + 0.25 * Float(k) } }
        return img
    }

    @Test func stackMatchesNumpyMaskedArrays() throws {
        // Reference: numpy 2.4.6, m = np.ma.masked_array(imgs, mask | isnan(imgs)) with
        // masks at (k1, x0, y0), (k2, x0, y0), (k3, x2, y1), every k at (x4, y2), NaN at (k0, x1, y1);
        // np.ma.median(m, axis=0), m.mean(axis=0), m.std(axis=0), raveled x fastest.
        var images = (0..<4).map(Self.frame)
        images[0][1, 1] = .nan
        var masks = (0..<4).map { _ in PixelArray<UInt16>(width: 5, height: 3, repeating: 0) }
        masks[1][0, 0] = 1; masks[2][0, 0] = 1; masks[3][2, 1] = 1
        for k in 0..<4 { masks[k][4, 2] = 1 }
        let median: [Float] = [1.875, 4.875, 3.375, 4.625, 4.875, 4.125, 4.5, 2.0, 4.125, 5.375, 5.625, 3.125, 4.375, 5.625, .nan]
        let mean: [Float] = [1.875, 4.875, 3.375, 4.125, 4.875, 4.625, 4.5, 3.25, 4.625, 5.375, 5.125, 3.625, 4.375, 5.125, .nan]
        let std: [Double] = [1.875, 2.885849095153799, 1.956559480312316, 2.683863819197986, 2.885849095153799,
                             2.683863819197986, 1.4288690166235205, 3.088958832141773, 2.683863819197986,
                             1.956559480312316, 2.683863819197986, 2.683863819197986, 1.956559480312316,
                             2.683863819197986, .nan]
        let med = try PixelStack.combine(images, masks: masks, method: .median)
        let avg = try PixelStack.combine(images, masks: masks, method: .mean)
        for p in 0..<15 {
            if median[p].isNaN {
                #expect(med.value.values[p].isNaN && med.count.values[p] == 0)
                continue
            }
            #expect(med.value.values[p] == median[p])
            #expect(avg.value.values[p] == mean[p])
            #expect(abs(Double(med.std.values[p]) - std[p]) < 1e-6)
        }
        #expect(med.count[0, 0] == 2 && med.count[1, 1] == 3 && med.count[3, 0] == 4)
    }

    // Reference: numpy on im[y, x] = ((x² + 3y) % 7) − y, 6x4: im.mean(axis=0),
    // np.median(im, axis=0), im.std(axis=1), np.median(im, axis=1), im.sum().
    static let image: PixelArray<Float> = {
        var im = PixelArray<Float>(width: 6, height: 4, repeating: 0)
        for y in 0..<4 { for x in 0..<6 { im[x, y] = Float((x * x + 3 * y) % 7 - y) } }
        return im
    }()

    @Test func profilesMatchNumpy() {
        #expect(Profile.collapse(Self.image, keeping: .x, statistic: .mean) == [1.25, 0.5, 1.75, 1.5, 1.5, 1.75])
        #expect(Profile.collapse(Self.image, keeping: .x, statistic: .median) == [1.0, 0.5, 2.0, 1.5, 1.5, 2.0])
        #expect(Profile.collapse(Self.image, keeping: .y, statistic: .median) == [2.0, 2.5, 0.0, 1.0])
        let std = Profile.collapse(Self.image, keeping: .y, statistic: .std)
        for (got, want) in zip(std, [1.462494064565354, 2.1147629234082532, 1.9720265943665387, 1.462494064565354]) {
            #expect(abs(got - want) < 1e-14)
        }
    }

    @Test func namedStatisticsWithAndWithoutClipping() {
        let s = Self.image.samples()
        #expect(s.value(.sum) == 33)
        #expect(s.value(.mean) == 33.0 / 24)
        let values: [Float] = [10, 11, 9, 10, 12, 8, 10, 200]
        let clipped = Samples(values).value(.median, clip: SigmaClip(lower: 2, upper: 2))
        #expect(clipped == 10)   // 200 removed, median of the 7 others
        #expect(Samples(values).value(.sum, clip: SigmaClip(lower: 2, upper: 2)) == 70)
    }
}

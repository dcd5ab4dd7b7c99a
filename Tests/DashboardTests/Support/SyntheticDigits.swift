import Datasets
import NeuroEngine

/// Small, deterministic digit images for tests: a 5x7 bitmap font scaled up onto 28x28, shifted
/// a little per sample and softened at the edges, so tests never need the real MNIST.
enum SyntheticDigits {
    private static let font: [[String]] = [
        [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."],
        ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
        [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
        ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."],
        ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
        ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."],
        ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
        ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
        [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."],
        [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
    ]

    /// A 28x28 image of `digit`, moved by (`dx`, `dy`) pixels; values in [0, 1], row-major.
    static func image(_ digit: Int, dx: Int = 0, dy: Int = 0) -> [Float] {
        var pixels = [Float](repeating: 0, count: 28 * 28)
        let glyph = font[digit % 10]
        for (row, line) in glyph.enumerated() {
            for (column, mark) in line.enumerated() where mark == "#" {
                // Each font dot becomes a 3x3 block; the glyph is 15x21 pixels, placed at (7, 4).
                for y in 0..<3 {
                    for x in 0..<3 {
                        let py = 4 + row * 3 + y + dy
                        let px = 7 + column * 3 + x + dx
                        guard py >= 0, py < 28, px >= 0, px < 28 else { continue }
                        pixels[py * 28 + px] = (x == 1 || y == 1) ? 1 : 0.7
                    }
                }
            }
        }
        return pixels
    }

    /// `count` images cycling through the digits with small seeded shifts.
    static func set(count: Int, seed: UInt64) -> ImageSet {
        var rng = SeededRandom(seed: seed)
        var pixels: [Float] = []
        var labels: [UInt8] = []
        for index in 0..<count {
            let digit = index % 10
            let dx = Int(rng.next() % 5) - 2
            let dy = Int(rng.next() % 5) - 2
            pixels += image(digit, dx: dx, dy: dy)
            labels.append(UInt8(digit))
        }
        return ImageSet(count: count, rows: 28, columns: 28, pixels: pixels, labels: labels)
    }

    /// A tiny MNIST-shaped dataset.
    static func dataset(train: Int = 320, test: Int = 64) -> Dataset {
        Dataset(name: "synthetic", train: set(count: train, seed: 7), test: set(count: test, seed: 11))
    }
}

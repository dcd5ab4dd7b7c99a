import Testing

@testable import Datasets

@Test(arguments: [(16, 16), (3, 7)])
func copyImageGivesEveryByteOver255(rows: Int, columns: Int) {
    // Every byte value appears, in an order that is not the identity, and the 3x7 images leave a
    // tail that does not fill a vector.
    let size = rows * columns
    let count = (256 + size - 1) / size + 1
    let bytes = (0..<(count * size)).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }
    let set = ImageSet(
        count: count, rows: rows, columns: columns, bytes: bytes, labels: [UInt8](repeating: 0, count: count))
    var seen = Set<UInt8>()
    for index in 0..<count {
        var image = [Float](repeating: -1, count: size + 1)
        image.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { set.copyImage(index, to: base) }
        }
        for i in 0..<size {
            let byte = bytes[index * size + i]
            seen.insert(byte)
            #expect(image[i] == Float(byte) / 255, "image \(index) pixel \(i) (byte \(byte))")
        }
        #expect(image[size] == -1, "nothing written past the image")
    }
    #expect(seen.count == 256)
}

@Test func prefetchingAnImageLeavesItsValuesAlone() {
    // A hint only: the copy after it is what the copy without it gives, first and last image included
    // (their lines end at the array's first and last byte).
    let bytes = (0..<(3 * 21)).map { UInt8(truncatingIfNeeded: $0 &* 41) }
    let set = ImageSet(count: 3, rows: 3, columns: 7, bytes: bytes, labels: [0, 1, 2])
    for index in 0..<3 {
        var plain = [Float](repeating: 0, count: 21)
        var hinted = [Float](repeating: 0, count: 21)
        plain.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { set.copyImage(index, to: base) } }
        set.prefetchImage(index)
        hinted.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { set.copyImage(index, to: base) } }
        #expect(hinted == plain)
        #expect(hinted == bytes[(index * 21)..<(index * 21 + 21)].map { Float($0) / 255 })
    }
}

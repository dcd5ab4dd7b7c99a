import Dispatch
import Foundation
import Testing

@testable import Training

@Test func concurrentProducerDeliversEveryEventInOrder() {
    let channel = EventChannel<Int>(capacity: 1_000_000)
    let total = 200_000
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        for i in 0..<total { channel.post(i) }
        done.signal()
    }
    var received: [Int] = []
    while received.count < total {
        received += channel.waitAndDrain(timeout: 1)
    }
    done.wait()
    #expect(received == Array(0..<total))
    #expect(channel.dropped == 0)
}

@Test func fullChannelDropsOnlyCoalescableEvents() {
    // Odd numbers stand for batch updates (droppable), even ones for epoch ends (kept).
    let channel = EventChannel<Int>(capacity: 10, isCoalescable: { $0 % 2 == 1 })
    let producer = DispatchQueue(label: "producer")
    producer.sync {
        for i in 0..<1000 { channel.post(i) }
    }
    let received = channel.drain()
    let evens = received.filter { $0 % 2 == 0 }
    #expect(evens == Array(stride(from: 0, to: 1000, by: 2)))
    #expect(received == received.sorted())
    #expect(channel.dropped > 0)
}

@Test func producerNeverWaitsForASlowConsumer() {
    let channel = EventChannel<Int>(capacity: 100, isCoalescable: { _ in true })
    let start = Date()
    for i in 0..<100_000 { channel.post(i) }
    // 100k posts into a stalled channel finish without a consumer and keep only the newest.
    #expect(Date().timeIntervalSince(start) < 5)
    let received = channel.drain()
    #expect(received.count == 100)
    #expect(received.last == 99_999)
}

@Test func waitAndDrainReturnsEmptyAfterTimeout() {
    let channel = EventChannel<Int>()
    let start = Date()
    #expect(channel.waitAndDrain(timeout: 0.05).isEmpty)
    #expect(Date().timeIntervalSince(start) >= 0.04)
}

import Testing

@testable import AudiobookRender

@Suite("Sample store")
struct SampleStoreTests {
    @Test("samples are kept in order, emptied on demand, and an utterance larger than the store moves to a larger one")
    func growth() {
        let store = SampleStore(capacity: 4)
        [Int16](arrayLiteral: 1, 2, 3).withUnsafeBufferPointer { store.append($0) }
        [Int16](arrayLiteral: 4, 5, 6, 7, 8, 9).withUnsafeBufferPointer { store.append($0) }
        #expect(Array(store.samples) == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        store.removeAll()
        #expect(store.samples.isEmpty)
        [Int16](arrayLiteral: -1).withUnsafeBufferPointer { store.append($0) }
        #expect(Array(store.samples) == [-1])
    }
}

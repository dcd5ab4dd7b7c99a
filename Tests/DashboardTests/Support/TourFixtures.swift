import Dashboard

/// A Thai tour of two steps on the recorded MLP run, its texts as `configs/tour/th.yaml` has
/// them (zero-width spaces at the word boundaries), for whole-screen snapshots.
enum TourFixtures {
    static let thaiLabels = TourLabels(
        name: "ทัวร์\u{200B}นำ\u{200B}ชม\u{200B}การ\u{200B}ทดลอง\u{200B}ใน\u{200B}บทความ",
        figure: "บทความ: {article} / คุณ: {you}", look: "ดู\u{200B}ที่",
        suggestion: "ลอง", pending: "กำลัง\u{200B}ฝึก...",
        keys: "→ ถัด\u{200B}ไป  ← ย้อน\u{200B}กลับ  r เริ่ม\u{200B}ใหม่  x ออก\u{200B}จาก\u{200B}ทัวร์", step: "ขั้น\u{200B}ที่")

    static let thaiSteps = [
        TourStep(
            id: "deeper", config: "mlp-tanh-2", title: "ชั้น\u{200B}ซ่อน\u{200B}สี่\u{200B}ชั้น",
            text:
                "ซ้อน\u{200B}ชั้น\u{200B}ซ่อน\u{200B}แบบ tanh ขนาด 100 หน่วย\u{200B}สี่\u{200B}ชั้น ความ\u{200B}ลึก\u{200B}ที่\u{200B}เพิ่ม\u{200B}ขึ้น\u{200B}ไม่\u{200B}ได้\u{200B}ทำ\u{200B}ให้\u{200B}แม่น\u{200B}ขึ้น\u{200B}กับ\u{200B}ตัวเลข\u{200B}ชุด\u{200B}นี้ ใน\u{200B}บทความ\u{200B}ได้\u{200B}ผล\u{200B}ต่ำ\u{200B}กว่า\u{200B}แบบ\u{200B}ชั้น\u{200B}เดียว\u{200B}เล็ก\u{200B}น้อย ทุก\u{200B}ชั้น\u{200B}ที่\u{200B}เพิ่ม\u{200B}ยัง\u{200B}คั่น\u{200B}อยู่\u{200B}ระหว่าง\u{200B}น้ำหนัก\u{200B}ชั้น\u{200B}ล่าง\u{200B}สุด\u{200B}กับ\u{200B}สัญญาณ\u{200B}ความ\u{200B}ผิด\u{200B}พลาด เรื่อง\u{200B}นี้\u{200B}จะ\u{200B}กลับ\u{200B}มา\u{200B}ดู\u{200B}อีก\u{200B}ครั้ง\u{200B}ใน\u{200B}ขั้น\u{200B}เกรเดียนต์",
            look:
                "ตาราง\u{200B}ชั้น: ชั้น Dense แต่ละ\u{200B}ชั้น\u{200B}พร้อม\u{200B}จำนวน\u{200B}พารามิเตอร์\u{200B}และ\u{200B}แถบ\u{200B}เกรเดียนต์",
            suggestion: "↑ และ ↓ เลื่อน\u{200B}ไป\u{200B}มา\u{200B}ระหว่าง\u{200B}ชั้น",
            article: "97.0%", measure: .testAccuracy, panel: .layers, key: "↓"),
        TourStep(
            id: "linear-bn", config: "mlp-tanh-2", title: "ชั้น\u{200B}เชิง\u{200B}เส้น\u{200B}กับ BatchNorm",
            text:
                "ถ้า\u{200B}เอา\u{200B}ฟังก์ชัน\u{200B}กระตุ้น\u{200B}ออก ชั้น Dense ที่\u{200B}ซ้อน\u{200B}กัน\u{200B}กี่\u{200B}ชั้น\u{200B}ก็\u{200B}ยัง\u{200B}เป็น\u{200B}แค่\u{200B}การ\u{200B}แปลง\u{200B}เชิง\u{200B}เส้น\u{200B}ครั้ง\u{200B}เดียว BatchNormalization หลัง\u{200B}ชั้น\u{200B}ซ่อน\u{200B}เลื่อน\u{200B}และ\u{200B}ปรับ\u{200B}สเกล\u{200B}เอาต์พุต แต่\u{200B}ไม่\u{200B}ได้\u{200B}ทำ\u{200B}ให้\u{200B}อะไร\u{200B}โค้ง\u{200B}งอ ความ\u{200B}แม่นยำ\u{200B}จึง\u{200B}หยุด\u{200B}อยู่\u{200B}ราว 92% ใกล้\u{200B}กับ\u{200B}ที่\u{200B}ตัว\u{200B}จำแนก\u{200B}เชิง\u{200B}เส้น\u{200B}ทำ\u{200B}ได้\u{200B}บน MNIST",
            look:
                "เส้น\u{200B}ความ\u{200B}แม่นยำ\u{200B}ที่\u{200B}แบน\u{200B}ราบ\u{200B}ต่ำ\u{200B}กว่า\u{200B}การ\u{200B}รัน\u{200B}แบบ tanh และ ReLU อย่าง\u{200B}ชัดเจน",
            suggestion:
                "b ปัก\u{200B}หมุด\u{200B}การ\u{200B}รัน\u{200B}นี้\u{200B}เป็น\u{200B}เส้น\u{200B}ฐาน\u{200B}สี\u{200B}จาง แล้ว\u{200B}กด tab เพื่อ\u{200B}เปิด\u{200B}คอนฟิก\u{200B}อื่น\u{200B}มา\u{200B}วาง\u{200B}เทียบ",
            article: "92.0%", measure: .testAccuracy, panel: .charts, key: "b"),
    ]

    static func thaiGuide(at index: Int = 0) -> TourGuide {
        TourGuide(steps: thaiSteps, labels: thaiLabels, index: index)
    }
}

"""Vocabulary of the synthetic content generator (``generator.synth``): data only, no logic.

Every list is ordered from most to least common: the generator samples them with Zipf-like weights
(the first item about twice as often as the second, ...), so a few words dominate and most are rare,
as in real text. The units copy the shipped ``content/units.yml`` (names, blocs, quotas, the unit
code prefixes the shipped codes use) and add sub-units and staff roles, which are sample data.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------------
# Units: as in content/units.yml. ``profile`` picks the fields, roles and equipment the unit works with;
# ``places`` are its sub-units (điện lực, trạm, nhà máy, phòng ban) used in job titles and text.

UNITS = [
    {"id": "evnhanoi", "name": "Tổng công ty Điện lực thành phố Hà Nội", "short_name": "EVNHANOI",
     "bloc": "phan-phoi", "quota": (320, 740), "website": "https://evnhanoi.vn", "code": "EVNHANOI",
     "profile": "phan-phoi", "places": [
         "Điện lực Gia Lâm", "Điện lực Đông Anh", "Điện lực Long Biên", "Điện lực Sóc Sơn", "Điện lực Hà Đông",
         "Điện lực Hoàng Mai", "Điện lực Cầu Giấy", "Điện lực Thanh Xuân", "Điện lực Ba Đình",
         "Điện lực Hoàn Kiếm", "Điện lực Thường Tín", "Điện lực Chương Mỹ", "Điện lực Sơn Tây",
         "Điện lực Mê Linh", "Điện lực Ba Vì", "Công ty Lưới điện cao thế thành phố Hà Nội"]},
    {"id": "evnhcmc", "name": "Tổng công ty Điện lực Thành phố Hồ Chí Minh", "short_name": "EVNHCMC",
     "bloc": "phan-phoi", "quota": (320, 740), "website": "https://evnhcmc.vn", "code": "EVNHCMC",
     "profile": "phan-phoi", "places": [
         "Công ty Điện lực Sài Gòn", "Công ty Điện lực Chợ Lớn", "Công ty Điện lực Gia Định",
         "Công ty Điện lực Tân Thuận", "Công ty Điện lực Thủ Thiêm", "Công ty Điện lực Bình Chánh",
         "Công ty Điện lực Củ Chi", "Công ty Điện lực Hóc Môn", "Công ty Điện lực Tân Phú",
         "Công ty Điện lực Phú Thọ", "Công ty Điện lực Bình Phú", "Công ty Điện lực Thủ Đức",
         "Công ty Điện lực Duyên Hải", "Công ty Lưới điện cao thế Thành phố Hồ Chí Minh"]},
    {"id": "evnnpc", "name": "Tổng công ty Điện lực miền Bắc", "short_name": "EVNNPC",
     "bloc": "phan-phoi", "quota": (520, 1200), "website": "https://npc.com.vn", "code": "EVNNPC",
     "profile": "phan-phoi", "places": [
         "Công ty Điện lực Bắc Ninh", "Công ty Điện lực Thanh Hóa", "Công ty Điện lực Nghệ An",
         "Công ty Điện lực Quảng Ninh", "Công ty Điện lực Thái Nguyên", "Công ty Điện lực Bắc Giang",
         "Công ty Điện lực Nam Định", "Công ty Điện lực Thái Bình", "Công ty Điện lực Hải Dương",
         "Công ty Điện lực Vĩnh Phúc", "Công ty Điện lực Phú Thọ", "Công ty Điện lực Lào Cai",
         "Công ty Điện lực Hà Giang", "Công ty Điện lực Yên Bái", "Công ty Điện lực Hưng Yên",
         "Công ty Điện lực Điện Biên"]},
    {"id": "evncpc", "name": "Tổng công ty Điện lực miền Trung", "short_name": "EVNCPC",
     "bloc": "phan-phoi", "quota": (330, 770), "website": "https://cpc.vn", "code": "EVNCPC",
     "profile": "phan-phoi", "places": [
         "Công ty Điện lực Đà Nẵng", "Công ty Điện lực Quảng Nam", "Công ty Điện lực Khánh Hòa",
         "Công ty Điện lực Bình Định", "Công ty Điện lực Thừa Thiên Huế", "Công ty Điện lực Quảng Ngãi",
         "Công ty Điện lực Gia Lai", "Công ty Điện lực Đắk Lắk", "Công ty Điện lực Phú Yên",
         "Công ty Điện lực Quảng Bình", "Công ty Điện lực Quảng Trị", "Công ty Điện lực Kon Tum",
         "Công ty Điện lực Đắk Nông", "Công ty Lưới điện cao thế miền Trung"]},
    {"id": "evnspc", "name": "Tổng công ty Điện lực miền Nam", "short_name": "EVNSPC",
     "bloc": "phan-phoi", "quota": (460, 1100), "website": "https://evnspc.vn", "code": "EVNSPC",
     "profile": "phan-phoi", "places": [
         "Công ty Điện lực Đồng Nai", "Công ty Điện lực Bình Dương", "Công ty Điện lực Long An",
         "Công ty Điện lực Cần Thơ", "Công ty Điện lực Tiền Giang", "Công ty Điện lực An Giang",
         "Công ty Điện lực Kiên Giang", "Công ty Điện lực Bà Rịa – Vũng Tàu", "Công ty Điện lực Bến Tre",
         "Công ty Điện lực Cà Mau", "Công ty Điện lực Sóc Trăng", "Công ty Điện lực Vĩnh Long",
         "Công ty Điện lực Bạc Liêu", "Công ty Điện lực Bình Thuận", "Công ty Điện lực Ninh Thuận",
         "Công ty Điện lực Tây Ninh"]},
    {"id": "evnnpt", "name": "Tổng công ty Truyền tải điện Quốc gia", "short_name": "EVNNPT",
     "bloc": "truyen-tai", "quota": (213, 496), "website": "https://npt.com.vn", "code": "EVNNPT",
     "support_team": "Tổ hỗ trợ viết và đăng nhập sáng kiến", "profile": "truyen-tai", "places": [
         "Công ty Truyền tải điện 1", "Công ty Truyền tải điện 4", "Công ty Truyền tải điện 2",
         "Công ty Truyền tải điện 3", "Trạm biến áp 500 kV Thường Tín", "Trạm biến áp 500 kV Phú Lâm",
         "Trạm biến áp 500 kV Hòa Bình", "Trạm biến áp 500 kV Đà Nẵng", "Trạm biến áp 500 kV Pleiku",
         "Trạm biến áp 500 kV Quảng Ninh", "Trạm biến áp 220 kV Mai Động", "Truyền tải điện Nghệ An",
         "Truyền tải điện Hà Tĩnh", "Truyền tải điện Gia Lai", "Truyền tải điện Đông Bắc 1"]},
    {"id": "evngenco1", "name": "Tổng công ty Phát điện 1", "short_name": "EVNGENCO1",
     "bloc": "phat-dien", "quota": (180, 420), "code": "EVNGENCO1", "profile": "phat-dien", "places": [
         "Công ty Nhiệt điện Duyên Hải", "Công ty Nhiệt điện Uông Bí", "Công ty Nhiệt điện Nghi Sơn",
         "Công ty Thủy điện Đại Ninh", "Công ty Thủy điện Sông Tranh", "Công ty Thủy điện Huội Quảng – Bản Chát",
         "Phân xưởng Vận hành lò máy", "Phân xưởng Sửa chữa cơ nhiệt"]},
    {"id": "evngenco2", "name": "Tổng công ty Phát điện 2", "short_name": "EVNGENCO2",
     "bloc": "phat-dien", "quota": (170, 400), "code": "EVNGENCO2", "profile": "phat-dien", "places": [
         "Công ty Nhiệt điện Cần Thơ", "Công ty Thủy điện Trị An", "Công ty Thủy điện An Khê – Ka Nak",
         "Công ty Thủy điện Sông Ba Hạ", "Công ty Nhiệt điện Hải Phòng", "Công ty Nhiệt điện Quảng Ninh",
         "Phân xưởng Vận hành", "Phân xưởng Sửa chữa điện – tự động"]},
    {"id": "evngenco3", "name": "Tổng công ty Phát điện 3", "short_name": "EVNGENCO3",
     "bloc": "phat-dien", "quota": (170, 400), "code": "EVNGENCO3", "profile": "phat-dien", "places": [
         "Công ty Nhiệt điện Phú Mỹ", "Công ty Nhiệt điện Vĩnh Tân", "Công ty Nhiệt điện Mông Dương",
         "Công ty Nhiệt điện Bà Rịa", "Công ty Thủy điện Buôn Kuốp", "Công ty Thủy điện Vĩnh Sơn – Sông Hinh",
         "Nhà máy Điện mặt trời Vĩnh Tân", "Trung tâm Dịch vụ sửa chữa"]},
    {"id": "nhiet-dien-thu-duc", "name": "Công ty Nhiệt điện Thủ Đức", "short_name": "Nhiệt điện Thủ Đức",
     "bloc": "phat-dien", "quota": (25, 60), "code": "NDTD", "profile": "phat-dien", "places": [
         "Phân xưởng Vận hành", "Phân xưởng Sửa chữa cơ nhiệt", "Phân xưởng Sửa chữa điện – kiểm nhiệt",
         "Phòng Kỹ thuật – An toàn", "Phòng Kế hoạch – Vật tư", "Tổ máy tua bin khí"]},
    {"id": "evnict", "name": "Công ty Viễn thông Điện lực và Công nghệ thông tin", "short_name": "EVNICT",
     "bloc": "du-an", "quota": (60, 140), "code": "EVNICT", "profile": "cntt", "places": [
         "Trung tâm Phần mềm", "Trung tâm Dữ liệu", "Trung tâm Viễn thông Điện lực miền Bắc",
         "Trung tâm Viễn thông Điện lực miền Nam", "Trung tâm An toàn thông tin", "Phòng Kỹ thuật"]},
    {"id": "evnept", "name": "Công ty Mua bán điện", "short_name": "EVNEPTC",
     "bloc": "truyen-tai", "quota": (30, 70), "code": "EVNEPTC", "profile": "mua-ban", "places": [
         "Phòng Thị trường điện", "Phòng Hợp đồng mua bán điện", "Phòng Thanh toán",
         "Phòng Kỹ thuật – Công nghệ thông tin", "Văn phòng"]},
    {"id": "evnpmb1", "name": "Ban Quản lý dự án Điện 1", "short_name": "EVNPMB1",
     "bloc": "du-an", "quota": (30, 70), "code": "EVNPMB1", "profile": "du-an", "places": [
         "Phòng Kỹ thuật", "Phòng Kế hoạch", "Phòng Đền bù giải phóng mặt bằng",
         "Ban Điều hành dự án Nhiệt điện Quảng Trạch", "Ban Điều hành dự án Thủy điện Hòa Bình mở rộng"]},
    {"id": "evnpmb2", "name": "Ban Quản lý dự án Điện 2", "short_name": "EVNPMB2",
     "bloc": "du-an", "quota": (30, 70), "code": "EVNPMB2", "profile": "du-an", "places": [
         "Phòng Kỹ thuật", "Phòng Kế hoạch – Đấu thầu", "Phòng Đền bù giải phóng mặt bằng",
         "Ban Điều hành dự án Thủy điện Ialy mở rộng", "Phòng Tài chính – Kế toán"]},
    {"id": "evnpmb3", "name": "Ban Quản lý dự án Điện 3", "short_name": "EVNPMB3",
     "bloc": "du-an", "quota": (25, 60), "code": "EVNPMB3", "profile": "du-an", "places": [
         "Phòng Kỹ thuật", "Phòng Kế hoạch", "Ban Điều hành dự án Thủy điện Trị An mở rộng",
         "Phòng Đền bù giải phóng mặt bằng", "Phòng Tổng hợp"]},
    {"id": "thuy-dien-hoa-binh", "name": "Công ty Thủy điện Hòa Bình", "short_name": "Thủy điện Hòa Bình",
     "bloc": "phat-dien", "quota": (60, 140), "code": "TDHB", "profile": "phat-dien", "places": [
         "Phân xưởng Vận hành", "Phân xưởng Sửa chữa điện", "Phân xưởng Sửa chữa cơ khí thủy lực",
         "Phân xưởng Tự động – Thí nghiệm", "Phòng Kỹ thuật", "Phòng Quản lý đập"]},
    {"id": "thuy-dien-son-la", "name": "Công ty Thủy điện Sơn La", "short_name": "Thủy điện Sơn La",
     "bloc": "phat-dien", "quota": (50, 120), "code": "TDSL", "profile": "phat-dien", "places": [
         "Nhà máy Thủy điện Sơn La", "Nhà máy Thủy điện Lai Châu", "Phân xưởng Vận hành",
         "Phân xưởng Sửa chữa", "Phòng Kỹ thuật"]},
]

# Which fields each kind of unit writes about (weights, in the order of the campaign's fields).
FIELD_WEIGHTS = {
    #              ky-thuat kinh-doanh chuyen-doi-so an-toan quan-ly dau-tu-xay-dung
    "phan-phoi":  (30, 26, 18, 11, 10, 5),
    "truyen-tai": (46, 0, 20, 15, 10, 9),
    "phat-dien":  (55, 0, 12, 16, 14, 3),
    "cntt":       (12, 4, 64, 4, 14, 2),
    "mua-ban":    (6, 40, 34, 0, 20, 0),
    "du-an":      (6, 0, 22, 8, 16, 48),
}

# Words for "how many sites applied it": "đã nhân rộng tại 5 điện lực".
SITE_NOUNS = {
    "phan-phoi": "điện lực", "truyen-tai": "trạm biến áp", "phat-dien": "tổ máy",
    "cntt": "đơn vị trong Tập đoàn", "mua-ban": "nhà máy điện", "du-an": "dự án",
}

# ---------------------------------------------------------------------------------------------------
# People: family names with their real share of the population (per cent), then middle and given
# names most common first.

FAMILY_NAMES = [
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 4.4), ("Huỳnh", 2.7),
    ("Phan", 4.5), ("Vũ", 2.8), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.6), ("Trương", 0.6), ("Đoàn", 0.5),
    ("Lương", 0.4), ("Cao", 0.4), ("Lâm", 0.3), ("Mai", 0.3), ("Tạ", 0.2), ("Hà", 0.3), ("Trịnh", 0.3),
    ("Chu", 0.2), ("Quách", 0.1), ("Kiều", 0.1), ("Lò", 0.1), ("Tô", 0.1), ("Vương", 0.1),
]

MIDDLE_NAMES = {
    "nam": ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Ngọc", "Xuân", "Đình", "Quang", "Trọng",
            "Anh", "Mạnh", "Tiến", "Thành", "Hoàng", "Duy", "Viết", "Bá", "Khắc", "Chí", "Tuấn", "Hồng"],
    "nữ": ["Thị", "Thu", "Thanh", "Ngọc", "Minh", "Phương", "Thùy", "Hồng", "Kim", "Bích", "Mai", "Thúy",
           "Hải", "Lan", "Diệu", "Khánh", "Hoài", "Quỳnh", "Tuyết", "Mỹ"],
}

GIVEN_NAMES = {
    "nam": ["Anh", "Dũng", "Hùng", "Tuấn", "Minh", "Hải", "Nam", "Sơn", "Long", "Thắng", "Cường", "Huy",
            "Quang", "Thành", "Trung", "Đức", "Hiếu", "Hoàng", "Khánh", "Phong", "Tùng", "Việt", "Vinh",
            "Bình", "Hưng", "Lâm", "Nghĩa", "Phúc", "Quân", "Tài", "Thái", "Thịnh", "Toàn", "Trí", "Bảo",
            "Chiến", "Công", "Duy", "Giang", "Hậu", "Hiệp", "Khoa", "Kiên", "Lực", "Mạnh", "Nhật", "Quý",
            "Sang", "Tâm", "Thuận", "Tiến", "Trường", "Vũ", "Đạt", "Định", "Đông", "Lộc", "Tú", "Khôi"],
    "nữ": ["Hương", "Linh", "Lan", "Trang", "Hà", "Thảo", "Hằng", "Ngọc", "Mai", "Phương", "Huyền", "Nga",
           "Thủy", "Hạnh", "Hoa", "Liên", "Loan", "Dung", "Yến", "Nhung", "Oanh", "Vân", "Anh", "Giang",
           "Hiền", "Hồng", "Hường", "Lệ", "Ly", "My", "Nhàn", "Quỳnh", "Tâm", "Thu", "Thúy", "Trinh",
           "Tuyết", "Uyên", "Vy", "Xuân", "Nguyệt", "Diệp", "Chi", "Châu", "Bích", "Nhi", "Ánh"],
}

# Share of men among the staff by kind of unit: plants and transmission lines are mostly men.
MEN_SHARE = {"phan-phoi": 0.72, "truyen-tai": 0.85, "phat-dien": 0.84, "cntt": 0.68, "mua-ban": 0.5,
             "du-an": 0.7}

ROLES = {
    "phan-phoi": [
        "Công nhân quản lý vận hành lưới điện", "Kỹ sư vận hành", "Đội trưởng Đội Quản lý điện",
        "Nhân viên kinh doanh", "Kiểm tra viên điện lực", "Chuyên viên Phòng Kỹ thuật",
        "Tổ trưởng Tổ thao tác lưu động", "Nhân viên ghi chỉ số công tơ", "Kỹ sư điều độ",
        "Nhân viên chăm sóc khách hàng", "Công nhân sửa chữa điện nóng", "Chuyên viên công nghệ thông tin",
        "Phó Giám đốc", "Trưởng phòng Kinh doanh", "Kế toán viên", "Chuyên viên An toàn",
    ],
    "truyen-tai": [
        "Công nhân quản lý đường dây", "Trực chính trạm biến áp", "Trưởng trạm biến áp", "Kỹ sư thí nghiệm cao áp",
        "Đội trưởng Đội Truyền tải điện", "Kỹ sư, Phòng Kỹ thuật", "Trưởng kíp vận hành", "Kỹ sư rơ le",
        "Chuyên viên An toàn", "Kỹ sư viễn thông", "Phó Giám đốc",
    ],
    "phat-dien": [
        "Trưởng ca vận hành", "Công nhân vận hành lò máy", "Kỹ sư tua bin", "Trưởng kíp lò",
        "Quản đốc phân xưởng", "Kỹ sư tự động", "Công nhân sửa chữa cơ khí", "Kỹ sư điện",
        "Kỹ sư hóa", "Thợ hàn bậc cao", "Kỹ sư thủy công", "Chuyên viên Phòng Kỹ thuật", "Phó Giám đốc",
    ],
    "cntt": [
        "Kỹ sư phần mềm", "Chuyên viên an toàn thông tin", "Kỹ sư viễn thông", "Quản trị hệ thống",
        "Trưởng nhóm phát triển", "Kỹ sư dữ liệu", "Phó Giám đốc Trung tâm",
    ],
    "mua-ban": [
        "Chuyên viên thị trường điện", "Chuyên viên hợp đồng", "Kỹ sư hệ thống điện", "Chuyên viên thanh toán",
        "Kế toán viên", "Trưởng phòng",
    ],
    "du-an": [
        "Kỹ sư giám sát thi công", "Chuyên viên đấu thầu", "Kỹ sư thiết kế", "Chuyên viên đền bù",
        "Kỹ sư dự toán", "Trưởng ban điều hành dự án", "Kế toán viên", "Chuyên viên pháp chế",
    ],
}

# ---------------------------------------------------------------------------------------------------
# Topics, one per field of the campaign. ``actions`` are title heads with {o} for the object; ``problems``
# follow the object in a sentence ("máy biến áp 110 kV bị rò rỉ dầu"); ``techs`` are what a solution
# uses; ``goals`` complete "giúp ...". The technical field has two sets of objects: grid and power plant.

TOPICS = {
    "ky-thuat": {
        "objects": {
            "luoi": [
                "máy biến áp phân phối", "đường dây trung áp", "máy biến áp 110 kV", "tủ RMU", "máy cắt 22 kV",
                "dao cách ly", "chống sét van", "sứ cách điện", "cáp ngầm trung thế", "đầu cáp ngầm",
                "trạm biến áp treo", "tụ bù hạ áp", "rơ le bảo vệ", "hệ thống tiếp địa", "kẹp cực đấu nối",
                "đường dây 110 kV", "đường dây 500 kV", "máy biến áp 220 kV", "biến dòng điện", "thanh cái",
                "xà đỡ", "cột bê tông ly tâm", "trạm kios", "dây chống sét", "ắc quy trạm",
                "hệ thống làm mát máy biến áp", "tủ điều khiển bảo vệ", "máy cắt hợp bộ", "biến điện áp",
                "recloser", "máy biến áp 500 kV", "hành lang tuyến",
            ],
            "nha-may": [
                "lò hơi", "tua bin hơi", "tổ máy phát", "bơm nước cấp", "quạt khói", "bình ngưng", "băng tải than",
                "hệ thống kích từ", "bộ điều tốc tua bin", "ổ trục tổ máy", "tua bin khí", "van điều khiển",
                "máy nghiền than", "hệ thống khử lưu huỳnh", "cửa van đập tràn", "máy phát diesel dự phòng",
                "hệ thống nước làm mát", "ống sinh hơi", "bộ lọc bụi tĩnh điện", "cầu trục gian máy",
                "máy biến áp tự dùng", "hệ thống dầu bôi trơn", "tấm pin mặt trời", "bộ nghịch lưu",
            ],
        },
        "actions": [
            "Cải tiến {o}", "Giám sát nhiệt độ {o}", "Cảnh báo sớm hư hỏng {o}", "Kiểm tra {o} bằng camera nhiệt",
            "Sửa chữa {o} không cần cắt điện", "Bảo dưỡng {o} theo tình trạng", "Chế tạo giá đỡ thay thế {o}",
            "Thiết bị thí nghiệm {o}", "Vệ sinh {o} khi đang vận hành", "Lắp cảm biến rung cho {o}",
            "Nâng cao độ tin cậy của {o}", "Tối ưu chế độ vận hành {o}", "Chống động vật xâm nhập {o}",
            "Đánh giá tình trạng {o}", "Thay thế {o} bằng vật liệu composite", "Dụng cụ tháo lắp {o}",
            "Giám sát từ xa {o}", "Kéo dài tuổi thọ {o}",
        ],
        "problems": {
            "luoi": [
                "bị phát nhiệt tại điểm tiếp xúc", "bị phóng điện bề mặt khi độ ẩm cao", "hư hỏng do sét đánh",
                "bị rò rỉ dầu", "bị quá tải vào giờ cao điểm", "bị động vật leo trèo gây sự cố",
                "bị ăn mòn ở khu vực ven biển", "bị bám bẩn làm giảm cách điện", "bị rung vượt ngưỡng cho phép",
                "bị sự cố thoáng qua do cây đổ",
            ],
            "nha-may": [
                "bị bám xỉ", "bị mài mòn nhanh", "bị rung vượt ngưỡng cho phép", "bị rò rỉ hơi",
                "có nhiệt độ vượt ngưỡng", "bị tắc nghẽn", "bị ăn mòn do nước biển", "phải dừng để sửa chữa đột xuất",
            ],
        },
        "techs": [
            "camera nhiệt", "cảm biến nhiệt độ không dây", "dữ liệu đo xa", "bộ vi điều khiển",
            "thiết bị bay không người lái (flycam)", "vật liệu composite", "cảm biến rung", "bộ ghi sự cố",
            "phân tích khí hòa tan trong dầu", "thép mạ kẽm nhúng nóng", "màn hình HMI", "cảm biến siêu âm",
        ],
        "goals": [
            "nâng cao độ tin cậy cung cấp điện", "giảm số vụ sự cố", "phát hiện sớm hư hỏng",
            "tiết kiệm chi phí sửa chữa", "kéo dài tuổi thọ thiết bị", "giảm thời gian mất điện của khách hàng",
            "rút ngắn thời gian thao tác", "giảm điện tự dùng", "chủ động trong công tác bảo dưỡng",
            "giảm lượng than tiêu hao", "giảm phát thải ra môi trường",
        ],
    },
    "kinh-doanh": {
        "objects": [
            "công tơ điện tử", "ghi chỉ số công tơ", "hồ sơ cấp điện mới", "tổn thất điện năng trạm công cộng",
            "hóa đơn điện tử", "thu tiền điện", "hợp đồng mua bán điện", "hộp công tơ", "niêm phong công tơ",
            "yêu cầu của khách hàng", "lịch ngừng cấp điện", "điện mặt trời mái nhà", "sản lượng điện giao nhận",
            "khách hàng sử dụng điện sai mục đích", "lộ trình ghi chỉ số", "thanh toán tiền điện không dùng tiền mặt",
        ],
        "actions": [
            "Tối ưu {o}", "Quản lý {o} trên máy tính bảng", "Kiểm tra {o} từ xa", "Tự động đối soát {o}",
            "Theo dõi {o} theo thời gian thực", "Chuẩn hóa quy trình {o}", "Giảm sai sót trong {o}",
            "Thông báo {o} qua Zalo", "Số hóa {o}", "Phân tích {o} để giảm tổn thất",
        ],
        "problems": [
            "hay bị sai sót khi nhập liệu", "mất nhiều thời gian đối soát", "phát sinh nhiều khiếu nại",
            "khó kiểm tra khi khách hàng vắng nhà", "dễ bị can thiệp trái phép", "chậm so với cam kết với khách hàng",
        ],
        "techs": [
            "máy tính bảng", "hệ thống đo xa", "hệ thống CMIS", "Zalo OA", "mã QR", "bản đồ số GIS",
            "cổng thanh toán trực tuyến", "tổng đài tự động",
        ],
        "goals": [
            "giảm tổn thất điện năng", "nâng cao sự hài lòng của khách hàng", "rút ngắn thời gian cấp điện mới",
            "minh bạch thông tin với khách hàng", "giảm sai sót khi nhập liệu", "nâng cao năng suất lao động",
            "tăng tỷ lệ thanh toán không dùng tiền mặt",
        ],
    },
    "chuyen-doi-so": {
        "objects": [
            "phiếu công tác", "báo cáo vận hành ngày", "hồ sơ nghiệm thu", "sổ nhật ký vận hành", "lý lịch thiết bị",
            "phiếu thao tác", "vật tư tồn kho", "văn bản đến", "lịch trực ca", "số liệu đo xa", "bản đồ lưới điện",
            "kế hoạch bảo dưỡng", "dữ liệu SCADA", "hồ sơ nhân sự", "cấu hình thiết bị mạng", "hồ sơ sáng kiến",
            "biên bản kiểm tra hiện trường",
        ],
        "actions": [
            "Số hóa {o}", "Phần mềm quản lý {o}", "Tự động lập {o}", "Tra cứu {o} bằng mã QR",
            "Ứng dụng di động cập nhật {o}", "Chatbot trả lời về {o}", "Đồng bộ {o} lên hệ thống dùng chung",
            "Bảng điều khiển theo dõi {o}", "Ký số {o}", "Phân tích {o} bằng trí tuệ nhân tạo",
            "Tự động sao lưu {o}",
        ],
        "problems": [
            "phải nhập tay nhiều lần", "khó tra cứu khi cần", "dễ thất lạc", "mất nhiều thời gian tổng hợp",
            "không thống nhất giữa các bộ phận", "phải in ra giấy để ký",
        ],
        "techs": [
            "nền tảng web nội bộ", "ứng dụng di động", "chữ ký số", "mã QR", "trí tuệ nhân tạo", "Power BI",
            "ngôn ngữ Python", "cơ sở dữ liệu dùng chung", "API kết nối các hệ thống", "chatbot",
        ],
        "goals": [
            "giảm giấy tờ và thời gian tổng hợp số liệu", "giảm sai sót khi nhập liệu", "nâng cao năng suất lao động",
            "rút ngắn thời gian thao tác", "chia sẻ dữ liệu giữa các bộ phận", "hỗ trợ ra quyết định kịp thời",
        ],
    },
    "an-toan": {
        "objects": [
            "tiếp địa di động", "sào cách điện", "dây an toàn", "thang cách điện", "biển báo an toàn",
            "khu vực công tác", "người bị điện giật", "phương tiện bảo vệ cá nhân", "hầm cáp", "xe gầu cách điện",
            "công nhân làm việc trên cao", "cháy nổ trạm biến áp", "khí độc trong không gian hạn chế", "hố móng cột",
        ],
        "actions": [
            "Chế tạo {o} gọn nhẹ", "Cải tiến {o}", "Cảnh báo nguy hiểm cho {o}", "Kiểm tra {o} trước ca làm việc",
            "Huấn luyện xử lý {o}", "Giá để {o} trên xe công tác", "Phòng ngừa tai nạn liên quan đến {o}",
            "Mô phỏng 3D huấn luyện về {o}", "Diễn tập định kỳ về {o}",
        ],
        "problems": [
            "tiềm ẩn nguy cơ tai nạn", "nặng và khó mang theo", "dễ bị bỏ sót khi kiểm tra",
            "không có cảnh báo khi đến gần vùng nguy hiểm",
        ],
        "techs": [
            "sào cách điện", "đèn cảnh báo dùng năng lượng mặt trời", "cảm biến khí", "kính thực tế ảo",
            "video hướng dẫn", "vật liệu cách điện", "camera giám sát", "còi cảnh báo tiệm cận điện áp",
        ],
        "goals": [
            "bảo đảm an toàn cho người lao động", "không để xảy ra tai nạn lao động", "rút ngắn thời gian thao tác",
            "nâng cao kỹ năng xử lý tình huống", "giảm sức lao động nặng nhọc",
        ],
    },
    "quan-ly": {
        "objects": [
            "kho vật tư", "hồ sơ lưu trữ", "xe công tác", "họp giao ban", "chi phí sửa chữa thường xuyên",
            "định mức vật tư", "kế hoạch sản xuất", "công tác thi đua khen thưởng", "hồ sơ thanh toán",
            "lịch công tác tuần", "đào tạo nội bộ", "công tác văn thư", "văn phòng phẩm",
        ],
        "actions": [
            "Sắp xếp {o} theo phương pháp 5S", "Chuẩn hóa {o}", "Quản lý {o} bằng bảng tính dùng chung",
            "Rút gọn quy trình {o}", "Theo dõi {o} hằng tuần", "Tiết kiệm {o}", "Tổ chức {o} trực tuyến",
            "Phân công {o} hợp lý",
        ],
        "problems": [
            "mất nhiều thời gian tìm kiếm", "tốn giấy in", "khó theo dõi tiến độ", "phát sinh chi phí không cần thiết",
        ],
        "techs": [
            "bảng tính dùng chung", "phương pháp 5S", "mã vạch", "lịch dùng chung", "văn phòng điện tử",
            "biểu mẫu chuẩn",
        ],
        "goals": [
            "tiết kiệm chi phí", "nâng cao năng suất lao động", "giảm giấy tờ và thời gian tổng hợp số liệu",
            "minh bạch trong quản lý", "tiết kiệm vật tư",
        ],
    },
    "dau-tu-xay-dung": {
        "objects": [
            "hồ sơ mời thầu", "dự toán công trình", "giải phóng mặt bằng", "tiến độ thi công", "nghiệm thu công trình",
            "móng cột", "biện pháp thi công", "thiết kế trạm biến áp", "hồ sơ bồi thường", "giải ngân vốn",
            "kéo dây đường dây 220 kV", "cọc khoan nhồi", "khối lượng xây lắp",
        ],
        "actions": [
            "Bộ mẫu {o}", "Lập {o} bằng phần mềm", "Rút ngắn thời gian {o}", "Quản lý {o} trên nền tảng GIS",
            "Tối ưu {o}", "Kiểm soát {o} bằng flycam", "Cải tiến {o}", "Theo dõi {o} trực tuyến",
        ],
        "problems": [
            "thường bị chậm tiến độ", "phải lập lại nhiều lần", "khó kiểm soát", "vướng mắc kéo dài",
        ],
        "techs": [
            "phần mềm dự toán", "mô hình BIM", "bản đồ GIS", "flycam", "biểu mẫu chuẩn",
            "phần mềm quản lý dự án", "máy toàn đạc điện tử",
        ],
        "goals": [
            "rút ngắn tiến độ thi công", "tiết kiệm vật tư", "giảm sai sót trong hồ sơ", "đẩy nhanh giải ngân vốn",
            "bảo đảm chất lượng công trình",
        ],
    },
}

# Optional endings of a title, after the action and object (drawn uniformly; repeats weigh more).
TITLE_ENDINGS = [
    "", "", " tại {place}", " tại {place}", " nhằm {goal}", " trên lưới điện {voltage}", " bằng {tech}",
    " cho {role_plural}", " khu vực {area}", " trong mùa mưa bão", " giai đoạn {year_range}",
]
VOLTAGES = ["trung áp", "hạ áp", "22 kV", "110 kV", "35 kV", "220 kV", "500 kV"]
AREAS = ["nông thôn", "đô thị", "ven biển", "miền núi", "khu công nghiệp", "trung tâm thành phố", "hải đảo"]
ROLE_PLURALS = [
    "công nhân vận hành", "tổ thao tác lưu động", "nhân viên kinh doanh", "các đội quản lý điện",
    "trực ca nhà máy", "kỹ sư giám sát", "người lao động mới",
]

# ---------------------------------------------------------------------------------------------------
# Sentences. Slots: {o} {o2} object, {O} capitalised, {place}, {problem}, {tech}, {tech2}, {goal}, {goal2},
# {unit} short name, {sites} site noun, and numbers {n...} chosen by the generator.

SUMMARY_OPENINGS = [
    "{Action}: dùng {tech} giúp {goal}.",
    "Dùng {tech} để {goal_verb} {o}, giúp {goal}.",
    "Giải pháp {goal} bằng cách cải tiến {o}, áp dụng tại {place}.",
    "{Action} giúp {goal} và {goal2}.",
    "Thay cách làm thủ công bằng {tech}: {o} được theo dõi thường xuyên, {goal}.",
    "Nhóm tác giả tại {place} dùng {tech} để {goal}.",
]
SUMMARY_SECOND = [
    "Đã áp dụng tại {n_sites} {sites} của {unit}.",
    "Thời gian thực hiện giảm khoảng {pct}%.",
    "Chi phí chế tạo khoảng {cost} triệu đồng.",
    "Có thể nhân rộng cho các đơn vị khác.",
    "Giải pháp dễ làm, dùng vật tư sẵn có.",
]
GOAL_VERBS = ["theo dõi", "kiểm tra", "quản lý", "giám sát", "cải tiến"]

CONTEXT_SENTENCES = [
    "Trước đây, việc kiểm tra {o} tại {place} được làm thủ công, mỗi lần mất khoảng {hours} giờ "
    "và cần {workers} người.",
    "Trong quá trình vận hành, {o} {problem}, gây gián đoạn công việc và tốn chi phí khắc phục.",
    "{O} là hạng mục quan trọng; khi {o} {problem}, đơn vị phải huy động lực lượng xử lý ngoài giờ.",
    "Năm {year}, tại {place} ghi nhận {count} trường hợp {o} {problem}.",
    "Các tổ, đội theo dõi {o} bằng sổ tay và bảng tính riêng lẻ nên số liệu thường không thống nhất.",
    "Qua khảo sát thực tế, nhóm tác giả nhận thấy {o} {problem}, nhất là vào mùa nắng nóng.",
    "Quy trình cũ có {steps} bước, phần lớn phải ký giấy và chuyển tay giữa các bộ phận.",
    "Khi {o} {problem}, người trực phải đến tận nơi để kiểm tra, mất nhiều thời gian di chuyển.",
]
SOLUTION_SENTENCES = [
    "Nhóm tác giả đã thiết kế lại {o2} dùng {tech}, có thể lắp đặt trong {minutes} phút.",
    "Giải pháp dùng {tech} kết hợp với {tech2} để {goal}.",
    "Thiết bị được chế tạo từ vật tư sẵn có tại đơn vị, chi phí khoảng {cost} triệu đồng mỗi bộ.",
    "Số liệu được cập nhật tự động lên hệ thống dùng chung để các bộ phận liên quan cùng theo dõi.",
    "Nhóm đã xây dựng quy trình {steps} bước, kèm biểu mẫu và hướng dẫn cho người thực hiện.",
    "Khi {o} {problem}, hệ thống gửi cảnh báo qua tin nhắn tới trực ca trong vòng {minutes} phút.",
    "Toàn bộ thao tác được thực hiện từ mặt đất, người lao động không phải tiếp cận vùng nguy hiểm.",
    "Phần mềm được viết bằng {tech}, chạy trên máy tính và điện thoại của người lao động.",
]
RESULT_SENTENCES = [
    "Sau {months} tháng áp dụng tại {place}, thời gian thực hiện giảm từ {hours_before} giờ "
    "xuống còn {hours_after} giờ.",
    "Số sự cố liên quan đến {o} giảm {pct}% so với cùng kỳ năm trước.",
    "Giải pháp giúp {goal} và {goal2}.",
    "Đến nay, giải pháp đã được nhân rộng tại {n_sites} {sites} của {unit}.",
    "Mỗi năm tiết kiệm khoảng {saving} triệu đồng chi phí thuê ngoài.",
    "Người lao động đánh giá cách làm mới dễ thực hiện và an toàn hơn.",
]
LIST_INTROS = {
    "result": ["Kết quả chính:", "Hiệu quả mang lại:", "Ưu điểm của giải pháp:"],
    "steps": ["Các bước thực hiện:", "Cách làm:"],
}
LIST_RESULT_ITEMS = [
    "{Goal}.", "Giảm {pct}% thời gian thao tác.", "Không phải cắt điện khi thực hiện.",
    "Chi phí thấp, dễ nhân rộng.", "Số liệu được lưu lại để tra cứu.", "Giảm {workers} người mỗi lần thực hiện.",
    "Phát hiện sớm bất thường của {o}.",
]
LIST_STEP_ITEMS = [
    "Khảo sát hiện trạng {o}.", "Lắp đặt {tech}.", "Chạy thử trong {months} tháng tại {place}.",
    "Hoàn thiện quy trình và hướng dẫn sử dụng.", "Đào tạo người lao động thực hiện.", "Đánh giá và nhân rộng.",
]
HEADINGS = {"context": "Hiện trạng", "solution": "Nội dung giải pháp", "result": "Hiệu quả"}

BENEFIT_OTHER = [
    "Tiết kiệm {n} giờ công mỗi tháng", "Giảm {n} lần mất điện mỗi năm", "Giảm {pct}% thời gian thao tác",
    "Không để xảy ra tai nạn lao động trong thời gian áp dụng", "Tiết kiệm {n} ram giấy mỗi năm",
    "Rút ngắn thời gian cấp điện mới còn {days} ngày", "Phát hiện sớm {n} khiếm khuyết thiết bị",
    "Nâng cao sự hài lòng của khách hàng",
]

PHOTO_ALTS = [
    "{O} tại {place}", "Nhóm tác giả lắp đặt giải pháp tại {place}", "Thử nghiệm {o} tại hiện trường",
    "{O} sau khi cải tiến",
]

# ---------------------------------------------------------------------------------------------------
# News.

NEWS_KINDS = [
    {"category": "Tiến độ", "titles": [
        "Toàn Tập đoàn đã có {total} sáng kiến được đăng ký",
        "{unit} đạt {pct}% chỉ tiêu sáng kiến giai đoạn {phase}",
        "{unit} vượt chỉ tiêu sáng kiến trước thời hạn",
        "Tăng tốc đăng ký sáng kiến trong tháng {month}",
    ]},
    {"category": "Gương sáng", "titles": [
        "Gương sáng: {person} và những sáng kiến về {o}",
        "Người thợ {place} với {n} sáng kiến trong một năm",
        "{person}: sáng kiến bắt đầu từ việc nhỏ",
    ]},
    {"category": "Hoạt động", "titles": [
        "Sơ kết phong trào thi đua sáng kiến tại {unit_name}",
        "Hội thảo chia sẻ kinh nghiệm về {o} tại {place}",
        "Tổ hỗ trợ viết sáng kiến {unit} giúp người lao động hoàn thiện hồ sơ",
    ]},
    {"category": "Khen thưởng", "titles": [
        "Trao thưởng {n} sáng kiến tiêu biểu năm {year}",
        "{n} sáng kiến của {unit} được công nhận cấp Tập đoàn",
    ]},
    {"category": "Hướng dẫn", "titles": [
        "Hướng dẫn đăng ký sáng kiến lĩnh vực {field}",
        "Những lưu ý khi mô tả hiệu quả của sáng kiến",
    ]},
]
NEWS_PARAGRAPHS = [
    "Theo số liệu tổng hợp đến ngày {date}, toàn Tập đoàn đã có {total} sáng kiến được đăng ký trên hệ thống "
    "trực tuyến của chương trình.",
    "Tại {unit_name}, phong trào được triển khai đến từng tổ, đội; nhiều sáng kiến xuất phát từ chính công việc "
    "hằng ngày của người lao động.",
    "Phát biểu tại hội nghị, đại diện Công đoàn {unit} đề nghị các đơn vị tiếp tục quan tâm, hỗ trợ người lao động "
    "hoàn thiện hồ sơ sáng kiến.",
    "Nhiều giải pháp về {o} đã được áp dụng tại {place}, giúp {goal}.",
    "{person}, {role}, chia sẻ: ý tưởng đến từ những lần phải xử lý {o} ngoài giờ.",
    "Tổ hỗ trợ viết sáng kiến của đơn vị đã giúp hơn {n} người lao động mô tả giải pháp rõ ràng, đúng trọng tâm.",
    "Các sáng kiến được Hội đồng sáng kiến đánh giá theo tính mới, khả năng áp dụng và hiệu quả mang lại.",
]
NEWS_LIST_INTRO = ["Một số sáng kiến tiêu biểu:", "Các giải pháp được giới thiệu:"]
NEWS_HEADINGS = ["Kết quả nổi bật", "Cách làm hay", "Nhiệm vụ thời gian tới", "Ý kiến người lao động"]
NEWS_AUTHORS = ["Ban biên tập", "Ban Tuyên giáo", "Văn phòng Công đoàn"]

# ---------------------------------------------------------------------------------------------------
# Campaign fields, as in content/campaign.yml (same order as the columns of FIELD_WEIGHTS).

FIELDS = [
    ("ky-thuat", "Kỹ thuật – vận hành",
     "Cải tiến trong vận hành, sửa chữa, thí nghiệm thiết bị nhà máy điện và lưới điện."),
    ("kinh-doanh", "Kinh doanh – dịch vụ khách hàng",
     "Giải pháp về ghi chỉ số, thu tiền điện, cấp điện mới, giảm tổn thất thương mại và chăm sóc khách hàng."),
    ("chuyen-doi-so", "Chuyển đổi số",
     "Phần mềm, tự động hóa và khai thác dữ liệu để thay thế thao tác thủ công."),
    ("an-toan", "An toàn – bảo hộ lao động",
     "Dụng cụ, quy trình và cách huấn luyện giúp người lao động làm việc an toàn hơn."),
    ("quan-ly", "Quản lý – hành chính",
     "Cách tổ chức công việc văn phòng, kho, hồ sơ và điều hành nội bộ gọn hơn."),
    ("dau-tu-xay-dung", "Đầu tư xây dựng",
     "Cải tiến trong lập dự án, đấu thầu, thi công, giám sát và nghiệm thu công trình điện."),
]

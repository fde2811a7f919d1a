"""Name, place and wording tables for bench/verval/generate.py.

Every list is ordered from most to least common: generate.py draws from it with Zipf weights
(1/rank^s), so the head of each list (Slamet, Sumarni, Siti Aminah, Muhammad Rizki ...) is
shared by many people, as on real East-Javanese village lists. Written from general knowledge
of Javanese, Madurese and Muslim naming in East Java, not from any other generator.
"""


def words(text):
    return text.split()


# --- men born before ~1975 (Javanese): mostly single names --------------------------------
JAV_M_OLD = words("""
Slamet Sutrisno Suparman Sumarno Supriyadi Sugeng Mulyono Suyanto Sunarto Paiman Sukardi
Supardi Sujono Sumadi Suwarno Jumadi Karno Kasmuri Rasimin Tukimin Parmin Suwito Misdi
Ngatimin Sugiono Sutikno Wagiman Kasiman Sarimin Darmaji Kusnadi Sudarsono Sumardi Suparno
Sukirno Samsul Pardi Kasdi Poniman Katimin Mujiono Subandi Santoso Sunyoto Bambang Haryono
Sugiarto Suroso Sukijan Ponimin Giman Yatimin Juwari Mukri Sumali Kartono Sarno Sulaiman
Sutarno Wakijo Marji Kasan Suwandi Rusdi Samiran Tarmuji Ngadiman Tukiran Boimin Kuswanto
Mujiran Sukadi Senen Kamari Rohmad Jumari Sutejo Ruslan Sugito Marsudi Kadimin Nurhadi
Sumarto Legiman Kardi Sokeh Jais Ngateman Sanusi Sumaji Subur Ramelan Tasrip Kusnan
""")
# second words that older Javanese two-word names end with (Slamet Riyadi, Joko Santoso)
JAV_M_OLD_FIRST = words("Slamet Joko Agus Budi Heru Eko Bambang Hadi Sri Tri Dwi Edi Teguh Imam")
JAV_M_OLD_LAST = words("""
Santoso Riyadi Widodo Susilo Purnomo Prasetyo Hartono Susanto Wibowo Suprapto Utomo
Sugiharto Wahyudi Raharjo Setiawan Siswanto Hariyanto Sulistyo Pranoto Prayitno
""")

# --- women born before ~1975 (Javanese) ------------------------------------------------------
JAV_F_OLD = words("""
Sumarni Wahyuni Sumiati Suparmi Sulastri Sukarti Painem Tukinem Sutini Sumini Ngatinah
Kasiyem Rukmini Sriatun Suwarni Tumini Poniyem Musriah Juminah Katemi Paini Wagini Sarmi
Suyati Supiyah Kasmini Sarminah Sunarti Suprapti Tarmi Mujiati Sukini Sumirah Warsini Yatmi
Rohmah Rukayah Kasiati Juwariyah Ngatmi Suwarti Muntiah Suliha Sutiah Jumiati Sulami Misiyem
Legiyem Sainem Marsini Partini Sumarsih Endang Sumiyati Tumirah Kusmiati Rusmini Ngaisah
Mujiasih Tukiyem Sarinah Kasmi Suwarsih Nurhayati Umiyati Karsini Sutinah
""")
SITI_2 = words("""
Aminah Fatimah Khotijah Maimunah Romlah Zulaikha Rohmah Aisyah Mariyam Muslimah Khoiriyah
Solikhah Rukayah Mutmainah Nurhayati Sholihah Juwariyah Munawaroh Masitoh Halimah Zaenab
Kholifah Umayah Asiyah Hasanah Nurjanah Fauziah Mahmudah Sundari Rohimah Marfuah Qomariyah
Badriyah Nafisah Muawanah Zubaidah Romelah Aminatun Sulastri Khusnul
""")
SRI_2 = words("""
Wahyuni Rahayu Utami Lestari Mulyani Handayani Suharti Wulandari Astuti Sumarni
Sulistyowati Hartini Rejeki Endah Ningsih Yuliati Kustini Wahyuningsih Indarti Purwati
""")
NUR_2 = words("""
Hayati Aini Halimah Kholifah Laili Jannah Hasanah Aisyah Khasanah Azizah Faizah Hidayah
Kholis Fadilah Cholifah Afifah Rohmah Wahidah
""")
UMI_2 = words("Kulsum Hanik Kalsum Salamah Mahmudah Latifah")

# --- Madurese, born before ~1975 --------------------------------------------------------------
MAD_M_OLD = words("""
Sahri Matrawi Asmuni Buhari Marsuki Saniman Hosin Sadin Sukri Mistari Sahwi Murtaji Samhadi
Jumali Busiri Marwan Hasim Rasid Sahid Bakri Sanwari Dulla Holik Mahfud Juhari Sujai Asnawi
Munir Sahar Marhadi Hamdan Sanali Marzuki Jamal Sunarto Halil Sumo Rahem Juma Misrani Sutrisno
Buhri Salim Ramli Sakrah Abu Sanuri Paisal Hasin
""")
MAD_M_CORE = words("""
Holil Hosen Sahri Rofiq Toyyib Kholil Juhri Sholeh Mahfud Sanusi Hasan Ali Yusuf Hamid Muhdor
Rois Syafii Nawawi Saleh Fadil Zainal Ilyas Mukhlis Bukhori Hasyim
""")
MAD_F_OLD = words("""
Sunaiyah Misnati Hosniyah Rukayah Satuni Marwiyah Ponisah Jumaati Muniroh Halimah Salama
Marfuah Tiyami Sutiyah Maryam Saniya Hotijah Asiyah Sakinah Mudaya Busani Sutina Sumaiyah
Kamariyah Marsuti Hafsah Ruwaidah Mastura Misyati Salehah Zaitun Mahmuda Hatijah Suhaila
Holifah Jamila Rohimah Atikah Supiyati Nurhasanah Saodah Rasmani Masruroh Sukinah Misnari
""")

# --- Muslim first elements and their spellings -------------------------------------------------
# Muhammad as written on KTPs before Permendagri 73/2022 (abbreviations allowed) and after.
MUH_OLD = [("Muhammad", 30), ("Moch.", 15), ("Mochammad", 12), ("Moh.", 15), ("Mohammad", 8),
           ("Muhamad", 6), ("M.", 8), ("Mochamad", 6)]
MUH_NEW = [("Muhammad", 60), ("Mochammad", 15), ("Mohammad", 10), ("Muhamad", 10), ("Mochamad", 5)]
# every way a list writes it (used to vary a listing)
MUH_ALL = ["Muhammad", "Mohammad", "Muhamad", "Mochammad", "Mochamad", "Moch.", "Moch", "Moh.",
           "Moh", "Muh.", "M.", "M", "Mohamad", "Much.", "Mokhammad"]
ACH_ALL = ["Ahmad", "Achmad", "Akhmad", "Ach.", "Ahmat"]
ABD_ALL = ["Abdul", "Abd.", "Abd", "Abdoel"]
NUR_ALL = ["Nur", "Noer", "Nor"]
MUH_SET = frozenset(MUH_ALL)
ACH_SET = frozenset(ACH_ALL)
ABD_SET = frozenset(ABD_ALL)
NUR_SET = frozenset(NUR_ALL)

ABDUL_2 = words("""
Rohman Rahman Kholik Karim Majid Ghofur Aziz Rohim Wahid Hamid Malik Syukur Manan Latif Mukti
Jalil Halim Kadir Ghoni Rosyid Qodir Muis Basith Salam
""")
ACHMAD_2 = words("""
Yani Fauzi Sholeh Syafii Dahlan Rifai Mujib Zainuri Sanusi Hasyim Muzaki Ghozali Juhri Sahri
Sholihin Mansur Zaini Rofii Basori Taufiq
""")
ISLAM_M = words("""
Rizki Fauzi Ilham Syaiful Ridwan Arif Hasan Zainul Faisal Rofiq Hasyim Khoirul Imam Bagus
Fajar Aditya Dimas Yusuf Ali Ikhsan Hidayat Rozak Mansur Lutfi Habibi Wahyu Miftahul Syamsul
Sholeh Ainul Haris Khoirudin Irfan Zaki Fahmi Dani Rifai Andika Nur Anas Kholil Amin Hamzah
Rizal Ikbal Nizar Taufik Sholikhin Mukhlis Wildan Afandi Rois Ubaidillah Alfin
""")
ISLAM_M_3 = words("""
Anwar Hidayat Ramadhan Firmansyah Maulana Saputra Pratama Wijaya Hakim Huda Rohman Hamzah
Arifin Fauzi Alfian Ilham Prasetyo Setiawan Nugroho Ardiansyah Rizal Efendi Kurniawan Santoso
Hidayatullah Hasan Mubarok Syahputra Abdillah Maulidi Rosyidi Rifqi Fikri Azhari
""")
JAV_M_NEW = words("""
Eko Dwi Agus Budi Heri Andi Yoga Bayu Rudi Wahyu Dedi Aris Yudi Rizal Fendi Teguh Hendra Adi
Dian Angga Riski Rendi Dony Ferry Galih Rio Candra Nanang Sugeng Hadi Joko Tri Catur Yusuf
""")
# single names of younger people
SINGLE_M_NEW = words("""
Agus Heri Rudi Andi Yudi Hendra Wahyu Bayu Dedi Fendi Rizal Imam Arif Anang Teguh Sugeng Yoga
Angga Rendi Dony Ferry Galih Rio Candra Nanang Irfan Rofiq Ilham Fajar Dimas Bagus Hadi Joko
""")
SINGLE_F_NEW = words("""
Dewi Yuli Rina Lilis Nanik Yuyun Erna Wulan Indah Ani Rini Novi Lina Nita Mega Ika Yeni Endah
Vivi Devi Reni Susi Desi Lia Winda Khoiriyah Aisyah Maghfiroh Ulfa Zahro Nurjanah Mufidah
""")
JAV_M_NEW_LAST = words("""
Prasetyo Santoso Setiawan Susanto Wibowo Saputra Pratama Kurniawan Hidayat Wahyudi Purnomo
Hermawan Gunawan Nugroho Firmansyah Efendi Irawan Ardiansyah Setiyawan Cahyono Wicaksono
Prayogo Kusuma Hartanto Sujatmiko Yulianto Priyanto Syahputra Ramadhan Maulana
""")

ISLAM_F_FIRST = words("Siti Nur Nurul Dwi Sri Umi Lailatul Khoirun Ainun Rohmatul Zahrotul")
ISLAM_F = words("""
Aisyah Fatimah Rahmawati Maulidiyah Hidayah Khoiriyah Maghfiroh Ulfa Zahro Nurjanah Mufidah
Faridah Azizah Nuraini Sholihah Fadilah Qomariyah Mahmudah Muflihah Rosidah Holifah Badriyah
Khotimah Mukarromah Khusnul Rohmah Lutfiah Nisa Rofiah Aminah Munawaroh Masruroh Zulaikha
Hasanah Mardiyah Naimah Sa'diyah Jamilah Nikmah
""")
JAV_F_NEW = words("""
Dewi Putri Ayu Eka Tri Fitri Rina Diah Lilis Novi Yuli Ani Rini Indah Wulan Anis Dwi Sri
Dian Evi Nanik Yuyun Erna Lina Nita Mega Ika Yeni Endah Vivi Devi Reni Susi Desi Lia Winda
""")
JAV_F_NEW_LAST = words("""
Lestari Wulandari Rahmawati Agustina Kurniawati Safitri Handayani Anggraini Puspitasari Wahyuni
Susanti Yuliana Novitasari Rahayu Utami Ningsih Ramadhani Amelia Oktaviani Febriyanti
Ayuningtyas Setyowati Purwanti Sulistyowati Pratiwi Maharani Permatasari Kusumawati Fitriani
Indriani Mulyani Astutik Sari Nurhayati Wijayanti Andriani
""")

# twins: rhyming pairs, (name1, sex1, name2, sex2)
TWIN_PAIRS = [
    ("Hasan", "L", "Husen", "L"), ("Hasan", "L", "Husain", "L"), ("Putra", "L", "Putri", "P"),
    ("Ainun", "P", "Ainul", "L"), ("Fitri", "P", "Fitra", "L"), ("Rizki", "L", "Rizka", "P"),
    ("Nanda", "P", "Ninda", "P"), ("Wahyu", "L", "Wahyudi", "L"), ("Arif", "L", "Arifin", "L"),
    ("Fajar", "L", "Fajri", "L"), ("Dina", "P", "Dini", "P"), ("Rama", "L", "Rani", "P"),
    ("Riska", "P", "Rizka", "P"), ("Ikhwan", "L", "Ikhwana", "P"), ("Dewa", "L", "Dewi", "P"),
    ("Laila", "P", "Laili", "P"), ("Ahmad", "L", "Ahmadi", "L"), ("Aldi", "L", "Alda", "P"),
]
TWIN_PREFIX_L = ["Muhammad", "Moch.", "Ahmad", "Dwi", "Eko"]
TWIN_PREFIX_P = ["Siti", "Nur", "Dwi", "Putri"]
TWIN_PREFIX_MIXED = ["Dwi", "Ananda", "Nur"]

# --- titles --------------------------------------------------------------------------------------
TITLE_PREFIX_L = [("H.", 70), ("Drs.", 8), ("KH.", 3), ("Bpk.", 10), ("Mbah", 9)]
TITLE_PREFIX_P = [("Hj.", 75), ("Ibu", 15), ("Mbah", 10)]
TITLE_SUFFIX = [("S.Pd.", 60), ("S.Ag.", 15), ("S.Pd.I", 15), ("S.H.", 10)]

# --- places ------------------------------------------------------------------------------------
EAST_JAVA_TOWNS = words("""
Surabaya Sidoarjo Malang Probolinggo Lumajang Jember Mojokerto Jombang Kediri Blitar
Banyuwangi Situbondo Bondowoso Gresik Lamongan Tuban Nganjuk
""")
MADURA_TOWNS = words("Bangkalan Sampang Pamekasan Sumenep")

DUSUN = words("""
Krajan Karanganyar Sumberejo Tegalsari Kedungrejo Sidomulyo Wonosari Sukorejo Ngemplak Kauman
Gondang Jetak Randu Sumbersari Karangrejo Tambakrejo Sidorejo Banjarsari Kebonsari Pandean
Kedungsari Purwosari Gunungsari Ngepung Tanjung Jambangan Pesanggrahan Glagah Kalisat
Sumbergondo Bendo Bakalan Duren Genengan Kembangan Babakan Kebonagung Wates Sawahan Ngempit
Tegalrejo Sumberwaru Pasinan Gedangan Petung Sukomulyo Jeruk Tempuran Kaliputih Blimbing
""")
DUSUN_SUFFIX = ["", "", "", "", " Lor", " Kidul", " Wetan", " Kulon", " Timur", " Barat"]

# occupation: (program wording, KTP/Dukcapil wording, weight)
OCCUPATIONS = [
    ("Petani", "PETANI/PEKEBUN", 20), ("Buruh Tani", "BURUH TANI/PERKEBUNAN", 25),
    ("Petani Tembakau", "PETANI/PEKEBUN", 6), ("Buruh Tani Tembakau", "BURUH TANI/PERKEBUNAN", 5),
    ("Nelayan", "NELAYAN/PERIKANAN", 6), ("Pedagang Kecil", "PEDAGANG", 10),
    ("Tukang Becak", "BURUH HARIAN LEPAS", 2), ("Tukang Batu", "TUKANG BATU", 5),
    ("Buruh Pabrik Rokok", "BURUH HARIAN LEPAS", 3), ("Ojek", "WIRASWASTA", 3),
    ("Peternak", "PETERNAK", 4), ("Buruh Harian Lepas", "BURUH HARIAN LEPAS", 8),
    ("Pekerja Serabutan", "BELUM/TIDAK BEKERJA", 2), ("Petani Cengkeh", "PETANI/PEKEBUN", 1),
]
# other wordings a second list uses for the same occupation
OCCUPATION_ALT = {
    "Petani": ["Tani", "Petani/Pekebun", "Pekebun"],
    "Buruh Tani": ["Buruh Tani/Perkebunan", "Buruh Tani Harian", "Petani"],
    "Petani Tembakau": ["Petani", "Tani Tembakau"],
    "Buruh Tani Tembakau": ["Buruh Tani", "Buruh Tembakau"],
    "Nelayan": ["Nelayan/Perikanan", "Nelayan Tradisional"],
    "Pedagang Kecil": ["Pedagang", "Pedagang Keliling", "Wiraswasta"],
    "Tukang Becak": ["Penarik Becak", "Becak"],
    "Tukang Batu": ["Kuli Bangunan", "Buruh Bangunan"],
    "Buruh Pabrik Rokok": ["Buruh Rokok", "Buruh Linting"],
    "Ojek": ["Tukang Ojek", "Ojek Pangkalan"],
    "Peternak": ["Peternak Sapi", "Peternakan"],
    "Buruh Harian Lepas": ["BHL", "Buruh Lepas", "Serabutan"],
    "Pekerja Serabutan": ["Serabutan", "Buruh Harian Lepas"],
    "Petani Cengkeh": ["Petani", "Pekebun Cengkeh"],
}

PHONE_PREFIXES = words("0812 0813 0852 0853 0857 0856 0878 0877 0819 0838 0895 0896 0821 0822 0831")

"""Demo content for the `seed_demo` management command.

Fourteen fictional campaigns covering every category, each with a Markdown story in Indonesian
and a handful of donations. People, communities and organisations are invented; place names
are real regions used only as a setting. In every story the lines of the
`## Rencana penggunaan dana` section add up exactly to the campaign's target. This module only
holds constants; `gotong.demo.services` turns them into campaigns and settled donations.
"""

from __future__ import annotations

from dataclasses import dataclass
from inspect import cleandoc


@dataclass(frozen=True)
class DemoDonation:
    name: str
    amount: int  # whole rupiah
    anonymous: bool
    message: str  # doa dan dukungan, may be empty


@dataclass(frozen=True)
class DemoCampaign:
    key: str  # stable ASCII identifier, used as the campaign slug
    title: str
    summary: str
    category: str
    beneficiary: str
    location: str  # kabupaten/kota and province, searchable
    target: int  # whole rupiah
    days_left: int
    featured: bool
    story: str  # Markdown
    donations: tuple[DemoDonation, ...]


CAMPAIGNS: tuple[DemoCampaign, ...] = (
    DemoCampaign(
        key="operasi-jantung-aisyah",
        title="Bantu Aisyah Menjalani Operasi Jantung di Surabaya",
        summary=(
            "Aisyah, empat tahun, lahir dengan lubang di sekat jantungnya dan membutuhkan "
            "operasi penutupan di Surabaya secepatnya."
        ),
        category="medis",
        beneficiary="Aisyah Putri Ramadhani (4 tahun), Bangkalan",
        location="Bangkalan, Jawa Timur",
        target=68_000_000,
        days_left=45,
        featured=True,
        story=cleandoc(
            """
            Aisyah Putri Ramadhani baru berusia empat tahun. Sejak bayi ia mudah lelah, sering
            sesak saat menangis, dan berat badannya sulit naik. Awal tahun ini dokter puskesmas
            di Kecamatan Arosbaya, Bangkalan, merujuknya ke Surabaya. Hasil ekokardiografi
            menunjukkan ada lubang yang cukup besar pada sekat bilik jantungnya (VSD) dan harus
            segera ditutup.

            Ayah Aisyah, Pak Mukhlis, bekerja sebagai buruh bangunan harian, sementara ibunya,
            Bu Siti Maimunah, membuka warung kopi kecil di depan rumah. Sebagian besar tindakan
            medis ditanggung BPJS Kesehatan, tetapi alat penutup jantung yang dianjurkan dokter
            dan beberapa pemeriksaan penunjang tidak termasuk tanggungan. Keluarga juga harus
            tinggal dekat rumah sakit selama masa persiapan dan pemulihan, yang diperkirakan
            berlangsung sekitar enam bulan.

            Tim dokter di sebuah rumah sakit rujukan di Surabaya sudah siap menjadwalkan
            operasi begitu biaya pendukung tersedia. Setiap bantuan, sekecil apa pun, membuat
            jadwal itu semakin dekat.

            ## Rencana penggunaan dana

            - Alat dan tindakan yang tidak ditanggung BPJS: Rp 41.500.000
            - Sewa kamar dekat rumah sakit selama enam bulan: Rp 9.000.000
            - Transportasi Bangkalan-Surabaya dan ambulans: Rp 6.500.000
            - Susu khusus dan nutrisi pemulihan: Rp 7.000.000
            - Obat dan kontrol pascaoperasi: Rp 4.000.000

            Laporan penggunaan dana dan kabar perkembangan Aisyah akan kami bagikan di halaman
            ini setelah setiap tahap pengobatan.
            """
        ),
        donations=(
            DemoDonation(
                name="Rina Kartikasari",
                amount=500_000,
                anonymous=False,
                message="Semoga operasinya lancar dan Aisyah cepat pulih. Aamiin.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=2_000_000,
                anonymous=True,
                message="Lekas sembuh, Nak. Kamu anak yang kuat.",
            ),
            DemoDonation(
                name="Keluarga Wibisono",
                amount=1_000_000,
                anonymous=False,
                message="",
            ),
            DemoDonation(
                name="Fajar Nugroho",
                amount=150_000,
                anonymous=True,
                message="Semoga dimudahkan segala urusannya.",
            ),
            DemoDonation(
                name="Teman-teman Kantor Cabang Gresik",
                amount=3_500_000,
                anonymous=False,
                message="Dari kami semua, semoga Aisyah kuat dan sehat kembali.",
            ),
            DemoDonation(
                name="Nur Aini",
                amount=50_000,
                anonymous=False,
                message="Bismillah, semoga berkah.",
            ),
            DemoDonation(
                name="Rudi Hartanto",
                amount=5_000_000,
                anonymous=True,
                message="",
            ),
        ),
    ),
    DemoCampaign(
        key="cuci-darah-pak-sudarto",
        title="Bantu Pak Sudarto Tetap Menjalani Cuci Darah",
        summary=(
            "Penjahit rumahan di Klaten ini harus cuci darah dua kali seminggu, sementara "
            "penghasilan keluarganya terhenti sejak ia jatuh sakit."
        ),
        category="medis",
        beneficiary="Sudarto dan keluarga, Klaten",
        location="Klaten, Jawa Tengah",
        target=30_000_000,
        days_left=60,
        featured=False,
        story=cleandoc(
            """
            Pak Sudarto, 52 tahun, sudah dua puluh tahun menerima jahitan di rumahnya di
            Kecamatan Kalikotes, Klaten. Akhir tahun lalu ia didiagnosis gagal ginjal kronis
            dan sejak itu harus menjalani cuci darah dua kali seminggu. Tubuhnya tidak lagi
            kuat duduk lama di depan mesin jahit, sehingga penghasilan keluarga praktis
            berhenti.

            Tindakan cuci darah ditanggung BPJS Kesehatan, namun iuran keluarga sempat
            menunggak ketika Pak Sudarto mulai sakit. Ongkos perjalanan ke rumah sakit, obat
            tambahan, dan kebutuhan sehari-hari kini bergantung pada istrinya, Bu Warsini,
            yang berjualan gorengan keliling. Dua anak mereka masih duduk di bangku SMP dan SD.

            Warga RT setempat bergantian mengantar Pak Sudarto ke rumah sakit, tetapi bantuan
            itu tidak bisa terus-menerus. Penggalangan ini dibuat oleh pengurus RT bersama
            keluarga agar pengobatan tetap berjalan, dan agar Bu Warsini bisa membuka warung
            kecil di rumah sehingga tetap dekat dengan suaminya.

            ## Rencana penggunaan dana

            - Pelunasan tunggakan dan iuran BPJS keluarga selama 12 bulan: Rp 4.800.000
            - Transportasi cuci darah dua kali seminggu selama enam bulan: Rp 7.200.000
            - Kebutuhan hidup keluarga selama enam bulan: Rp 12.000.000
            - Obat dan suplemen di luar tanggungan: Rp 3.500.000
            - Modal warung kelontong Bu Warsini: Rp 2.500.000

            Setiap pengeluaran dicatat oleh bendahara RT, dan kuitansinya akan kami unggah di
            halaman ini.
            """
        ),
        donations=(
            DemoDonation(
                name="Sri Handayani",
                amount=100_000,
                anonymous=False,
                message="Semoga Pak Darto diberi kesabaran dan kesembuhan.",
            ),
            DemoDonation(
                name="Agus Prasetyo",
                amount=250_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Paguyuban Penjahit Kalikotes",
                amount=1_500_000,
                anonymous=False,
                message="Tetap semangat, Pak. Kami selalu mendoakan.",
            ),
            DemoDonation(
                name="Yuli Astuti",
                amount=20_000,
                anonymous=False,
                message="Aamiin, semoga lekas pulih.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=1_000_000,
                anonymous=True,
                message="Semoga sakitnya menjadi penggugur dosa dan segera diangkat.",
            ),
        ),
    ),
    DemoCampaign(
        key="kaki-palsu-rian",
        title="Kaki Palsu untuk Rian, Agar Bisa Kembali ke Sekolah",
        summary=(
            "Siswa SMK di Lumajang ini kehilangan kaki kirinya dalam kecelakaan dan "
            "membutuhkan kaki palsu serta terapi berjalan."
        ),
        category="medis",
        beneficiary="Rian Saputra (17 tahun), Lumajang",
        location="Lumajang, Jawa Timur",
        target=35_000_000,
        days_left=50,
        featured=False,
        story=cleandoc(
            """
            Rian Saputra, 17 tahun, adalah siswa kelas XI jurusan teknik otomotif di sebuah
            SMK di Kabupaten Lumajang. Tiga bulan lalu, sepulang membantu ayahnya di ladang,
            sepeda motor yang ia kendarai tertabrak truk pasir di jalan desa. Nyawanya selamat,
            tetapi kaki kirinya harus diamputasi di atas lutut.

            Sejak pulang dari rumah sakit, Rian lebih banyak berdiam di kamar. Ia ingin kembali
            ke sekolah dan menyelesaikan praktik kerja lapangan di bengkel, namun tanpa kaki
            palsu ia kesulitan berjalan jauh. Ayahnya, Pak Slamet, adalah petani penggarap,
            dan ibunya bekerja sebagai buruh sortir di gudang pisang. Kaki palsu jenis atas
            lutut yang cocok untuk remaja yang masih aktif jauh di luar kemampuan mereka.

            Dokter rehabilitasi medis di Malang menyarankan kaki palsu dengan sendi lutut
            mekanis dan terapi berjalan selama tiga bulan. Dengan dukungan Anda, Rian bisa
            kembali berdiri, berjalan ke sekolah, dan mengejar cita-citanya membuka bengkel
            sendiri di kampungnya.

            ## Rencana penggunaan dana

            - Kaki palsu atas lutut dengan sendi lutut mekanis: Rp 24.000.000
            - Fisioterapi dan latihan berjalan selama tiga bulan: Rp 5.400.000
            - Transportasi dan penginapan selama terapi di Malang: Rp 3.100.000
            - Kursi roda dan kruk untuk masa peralihan: Rp 2.500.000

            Kami akan membagikan kabar setiap kali Rian menyelesaikan satu tahap terapi.
            """
        ),
        donations=(
            DemoDonation(
                name="Komunitas Motor Lumajang Raya",
                amount=2_000_000,
                anonymous=False,
                message="Semangat, Rian! Bengkelmu nanti kami tunggu.",
            ),
            DemoDonation(
                name="Ratna Sari",
                amount=300_000,
                anonymous=True,
                message="Semoga cepat bisa berjalan lagi.",
            ),
            DemoDonation(
                name="Dwi Cahyono",
                amount=150_000,
                anonymous=False,
                message="Allah tidak membebani di luar kemampuan hamba-Nya. Kuat ya, Nak.",
            ),
            DemoDonation(
                name="Wahyu Hidayat",
                amount=75_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Ketut Arsana",
                amount=500_000,
                anonymous=False,
                message="Rahajeng, semoga lekas pulih dan kembali bersekolah.",
            ),
        ),
    ),
    DemoCampaign(
        key="banjir-kabupaten-banjar",
        title="Darurat Banjir Kabupaten Banjar: Dapur Umum dan Sembako untuk 800 Keluarga",
        summary=(
            "Luapan Sungai Martapura merendam tiga desa di Kecamatan Astambul, dan ratusan "
            "keluarga membutuhkan makanan, air bersih, dan obat-obatan."
        ),
        category="bencana-alam",
        beneficiary="Warga terdampak banjir di Kecamatan Astambul, Kabupaten Banjar",
        location="Kabupaten Banjar, Kalimantan Selatan",
        target=150_000_000,
        days_left=21,
        featured=True,
        story=cleandoc(
            """
            Hujan deras selama empat hari membuat Sungai Martapura meluap dan merendam tiga
            desa di Kecamatan Astambul, Kabupaten Banjar, Kalimantan Selatan. Air setinggi dada
            orang dewasa masuk ke rumah warga, dan sebagian keluarga kini bertahan di langgar,
            sekolah, serta rumah panggung tetangga yang letaknya lebih tinggi.

            Menurut pendataan relawan desa, lebih dari 800 keluarga terdampak. Kebutuhan
            paling mendesak saat ini adalah makanan siap santap, air bersih, popok dan susu
            untuk bayi, serta obat-obatan untuk warga lanjut usia. Banyak warga yang bekerja
            sebagai pekebun karet dan pedagang pasar kehilangan penghasilan karena kebun dan
            lapak mereka ikut terendam.

            Bersama karang taruna dan relawan kesehatan setempat, kami membuka dapur umum di
            halaman masjid desa dan posko kesehatan di balai desa. Setelah air surut, dana juga
            akan dipakai untuk membersihkan lumpur dan memperbaiki rumah yang rusak ringan,
            terutama milik janda dan lansia yang tinggal sendiri.

            ## Rencana penggunaan dana

            - Dapur umum selama 14 hari: Rp 36.000.000
            - 800 paket sembako untuk keluarga terdampak: Rp 48.000.000
            - Perlengkapan bayi, perempuan, dan lansia: Rp 14.500.000
            - Obat-obatan dan posko kesehatan: Rp 12.000.000
            - Pembersihan lumpur dan penyediaan air bersih: Rp 17.500.000
            - Perbaikan ringan 20 rumah warga rentan: Rp 22.000.000

            Kabar dari lapangan dan foto penyaluran akan kami perbarui setiap beberapa hari.
            """
        ),
        donations=(
            DemoDonation(
                name="Muhammad Rizky",
                amount=100_000,
                anonymous=False,
                message="Semoga air cepat surut dan warga diberi kekuatan.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=5_000_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Ikatan Perantau Banua di Yogyakarta",
                amount=3_750_000,
                anonymous=False,
                message="Dari perantau untuk kampung halaman. Kuat terus, dulur-dulur di Banua.",
            ),
            DemoDonation(
                name="Siti Rahmah",
                amount=50_000,
                anonymous=False,
                message="Aamiin ya Rabbal alamin.",
            ),
            DemoDonation(
                name="Andi Wijaya",
                amount=1_000_000,
                anonymous=True,
                message="Turut prihatin, semoga semuanya segera pulih.",
            ),
            DemoDonation(
                name="Kevin Halim",
                amount=500_000,
                anonymous=False,
                message="Semoga bantuan ini sampai kepada yang paling membutuhkan.",
            ),
            DemoDonation(
                name="Karyawan Toko Bangunan Sinar Jaya",
                amount=2_500_000,
                anonymous=False,
                message="",
            ),
            DemoDonation(
                name="Dina Maharani",
                amount=20_000,
                anonymous=True,
                message="Maaf hanya bisa sedikit. Semoga bermanfaat.",
            ),
        ),
    ),
    DemoCampaign(
        key="longsor-kalitengah-banjarnegara",
        title="Hunian Sementara untuk 12 Keluarga Korban Longsor di Banjarnegara",
        summary=(
            "Tanah longsor menimbun dan merusak rumah di Dusun Kalitengah, dan dua belas "
            "keluarga kini menunggu tempat tinggal yang aman."
        ),
        category="bencana-alam",
        beneficiary="12 keluarga penyintas longsor Dusun Kalitengah, Banjarnegara",
        location="Banjarnegara, Jawa Tengah",
        target=90_000_000,
        days_left=40,
        featured=False,
        story=cleandoc(
            """
            Selepas magrib pada pertengahan bulan lalu, tebing di atas Dusun Kalitengah,
            Kecamatan Pagentan, Kabupaten Banjarnegara, longsor setelah hujan turun tanpa henti
            sejak siang. Material tanah menimbun lima rumah dan merusak tujuh rumah lainnya.
            Syukurlah, warga sempat menyelamatkan diri karena peronda malam itu segera
            membunyikan kentongan.

            Dua belas keluarga kini mengungsi di rumah kerabat dan di gedung PAUD dusun. Tim
            dari pemerintah daerah menyatakan lahan mereka masuk zona rawan dan tidak boleh
            dihuni kembali. Warga sudah mendapat lahan pengganti dari tanah kas desa, tetapi
            belum memiliki biaya untuk membangun tempat tinggal.

            Bersama pemerintah desa, kami akan membangun hunian sementara berangka kayu dengan
            dinding papan semen yang layak ditempati sampai hunian tetap tersedia. Warga akan
            bergotong royong mengerjakannya sendiri, sehingga sebagian besar dana dipakai untuk
            material. Anak-anak yang buku dan seragamnya tertimbun juga perlu segera kembali
            bersekolah.

            ## Rencana penggunaan dana

            - Dua belas unit hunian sementara: Rp 66.000.000
            - Kebutuhan pokok 12 keluarga selama dua bulan: Rp 14.400.000
            - Seragam, tas, dan buku sekolah untuk 19 anak: Rp 3.600.000
            - Pipa, tandon, dan sambungan air bersih: Rp 6.000.000

            Pembangunan akan didokumentasikan setiap pekan oleh perangkat desa.
            """
        ),
        donations=(
            DemoDonation(
                name="Warga Perumahan Griya Asri Purwokerto",
                amount=2_250_000,
                anonymous=False,
                message="Semoga lekas bangkit. Salam dari tetangga kabupaten.",
            ),
            DemoDonation(
                name="Teguh Wibowo",
                amount=500_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Lestari Wulandari",
                amount=200_000,
                anonymous=False,
                message="Semoga semua warga diberi keselamatan dan kesabaran.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=3_000_000,
                anonymous=True,
                message="Semoga menjadi amal jariyah.",
            ),
        ),
    ),
    DemoCampaign(
        key="atap-madrasah-ende",
        title="Atap Baru untuk MI Miftahul Khair di Ende",
        summary=(
            "Atap madrasah ibtidaiyah di pesisir Nangapanda bocor di banyak titik, sehingga "
            "dua kelas tidak bisa dipakai setiap musim hujan."
        ),
        category="pendidikan",
        beneficiary="126 murid MI Miftahul Khair, Kabupaten Ende",
        location="Ende, Nusa Tenggara Timur",
        target=48_000_000,
        days_left=75,
        featured=False,
        story=cleandoc(
            """
            Madrasah Ibtidaiyah Miftahul Khair di pesisir Kecamatan Nangapanda, Kabupaten Ende,
            Nusa Tenggara Timur, menampung 126 murid dari kampung-kampung nelayan di
            sekitarnya. Bangunan yang didirikan secara swadaya pada tahun 1990-an itu kini
            atapnya keropos: rangka kayunya dimakan rayap dan seng yang berkarat bocor di banyak
            titik.

            Saat musim hujan, dua dari enam ruang kelas tidak bisa dipakai. Murid kelas satu dan
            dua terpaksa belajar bergantian di teras, dan buku-buku di perpustakaan kecil
            madrasah banyak yang rusak terkena air. Para guru, yang sebagian besar honorer,
            sudah beberapa kali menambal atap dengan biaya pribadi, tetapi kerusakannya terus
            meluas.

            Komite madrasah dan orang tua murid sepakat mengganti seluruh rangka atap dengan
            baja ringan agar tahan lama dan tidak lagi dimakan rayap. Orang tua murid akan ikut
            bekerja, namun material harus didatangkan dengan truk dari Kota Ende melalui jalan
            pesisir yang berliku.

            ## Rencana penggunaan dana

            - Rangka baja ringan dan atap seng untuk enam kelas: Rp 27.500.000
            - Plafon dan talang air: Rp 6.500.000
            - Upah tukang dan kepala tukang: Rp 9.000.000
            - Angkutan material dari Kota Ende: Rp 2.500.000
            - Perbaikan meja dan bangku yang rusak: Rp 2.500.000

            Terima kasih telah membantu anak-anak Nangapanda belajar di ruang kelas yang kering
            dan aman.
            """
        ),
        donations=(
            DemoDonation(
                name="Yohanes Bata",
                amount=250_000,
                anonymous=False,
                message="Semoga anak-anak bisa belajar dengan nyaman lagi. Tuhan memberkati.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=2_000_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Nurhayati",
                amount=100_000,
                anonymous=False,
                message="Semoga menjadi ilmu yang bermanfaat bagi anak-anak.",
            ),
            DemoDonation(
                name="Forum Guru Madrasah Sidoarjo",
                amount=1_000_000,
                anonymous=False,
                message="Salam hangat dari sesama guru madrasah. Tetap semangat mengajar.",
            ),
        ),
    ),
    DemoCampaign(
        key="taman-baca-batu-belek-lombok",
        title="Taman Baca untuk Anak-anak Dusun Batu Belek, Lombok Timur",
        summary=(
            "Pemuda dusun ingin mengubah bekas gudang gabah menjadi taman baca yang layak, "
            "lengkap dengan 600 buku baru untuk anak-anak."
        ),
        category="pendidikan",
        beneficiary="Anak-anak Dusun Batu Belek, Lombok Timur",
        location="Lombok Timur, Nusa Tenggara Barat",
        target=25_000_000,
        days_left=14,
        featured=False,
        story=cleandoc(
            """
            Setiap sore, belasan anak di Dusun Batu Belek, Kecamatan Pringgasela, Lombok Timur,
            berkumpul di berugak milik Inaq Sahnun untuk membaca buku. Koleksinya hanya dua
            kardus buku bekas sumbangan, dan sebagian besar sudah dibaca berulang kali. Dari
            kegiatan sederhana itu, para pemuda dusun ingin membangun taman baca yang lebih
            layak.

            Sekolah dasar terdekat belum memiliki perpustakaan yang aktif, dan banyak orang tua
            di dusun ini bekerja sebagai petani atau pekerja migran di luar negeri. Taman baca
            menjadi tempat anak-anak belajar membaca, mengerjakan tugas sekolah, dan mendengar
            cerita rakyat Sasak dari para tetua.

            Kepala dusun telah meminjamkan bekas gudang gabah di samping masjid untuk dijadikan
            ruang baca. Lantai, jendela, dan penerangannya perlu diperbaiki. Kami juga akan
            membeli buku cerita anak, buku pelajaran, dan buku keterampilan bertani, serta
            mengadakan kegiatan membaca bersama setiap akhir pekan selama enam bulan pertama.

            ## Rencana penggunaan dana

            - 600 buku anak, buku pelajaran, dan buku keterampilan: Rp 9.000.000
            - Perbaikan lantai, jendela, dan atap ruang baca: Rp 8.500.000
            - Rak buku, meja lesehan, dan karpet: Rp 3.500.000
            - Lampu tenaga surya untuk kegiatan malam: Rp 2.000.000
            - Kegiatan membaca bersama selama enam bulan: Rp 2.000.000

            Setiap buku yang sampai di Batu Belek akan kami catat dan kabarkan di halaman ini.
            """
        ),
        donations=(
            DemoDonation(
                name="Lalu Ahmad Fauzi",
                amount=5_000_000,
                anonymous=False,
                message="Untuk anak-anak Pringgasela. Semoga tumbuh menjadi pencinta ilmu.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=5_000_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Klub Buku Senja Mataram",
                amount=4_000_000,
                anonymous=False,
                message="Dari kami yang percaya bahwa satu buku bisa mengubah banyak hal.",
            ),
            DemoDonation(
                name="Baiq Nurul Hidayati",
                amount=3_500_000,
                anonymous=False,
                message="Semoga menjadi amal jariyah untuk kita semua.",
            ),
            DemoDonation(
                name="Reza Pratama",
                amount=2_500_000,
                anonymous=True,
                message="Semoga taman bacanya ramai setiap hari.",
            ),
            DemoDonation(
                name="Putu Eka Wijaya",
                amount=1_500_000,
                anonymous=False,
                message="",
            ),
            DemoDonation(
                name="Alumni SDN Pringgasela Angkatan 2008",
                amount=750_000,
                anonymous=False,
                message="Bangga dengan adik-adik di kampung. Rajin membaca, ya.",
            ),
            DemoDonation(
                name="Siti Zubaidah",
                amount=250_000,
                anonymous=True,
                message="Bismillah.",
            ),
        ),
    ),
    DemoCampaign(
        key="tempat-wudu-masjid-cikareo",
        title="Tempat Wudu Baru untuk Masjid Al-Muhajirin Cikareo, Garut",
        summary=(
            "Tempat wudu masjid kampung di Cisurupan sudah rusak dan airnya sering tidak "
            "mengalir, terutama saat kemarau."
        ),
        category="rumah-ibadah",
        beneficiary="Jemaah Masjid Al-Muhajirin, Kampung Cikareo, Garut",
        location="Garut, Jawa Barat",
        target=42_000_000,
        days_left=90,
        featured=False,
        story=cleandoc(
            """
            Masjid Al-Muhajirin berdiri di tengah Kampung Cikareo, Kecamatan Cisurupan,
            Kabupaten Garut, dan menjadi tempat salat bagi sekitar 300 warga, termasuk para
            petani sayur yang singgah sepulang dari kebun. Tempat wudunya dibangun lebih dari
            dua puluh tahun lalu dan kini kondisinya memprihatinkan: banyak keran patah,
            lantainya licin dan retak, dan air sering tidak mengalir.

            Selama ini air masjid dialirkan dari mata air di atas kampung melalui selang plastik
            yang mudah bocor. Ketika kemarau, jemaah harus membawa air dengan ember dari rumah.
            Tempat wudu perempuan bahkan belum memiliki penutup yang layak, sehingga banyak
            ibu-ibu memilih berwudu di rumah sebelum berangkat ke masjid.

            Dewan Kemakmuran Masjid bersama warga merencanakan tempat wudu baru yang terpisah
            untuk laki-laki dan perempuan, dilengkapi jalur landai untuk jemaah lansia, tandon
            air, dan dua toilet. Warga siap bergotong royong setiap Ahad, sedangkan dana dari
            donatur akan dipakai untuk material dan pekerjaan yang memerlukan tukang ahli.

            ## Rencana penggunaan dana

            - Pipa, pompa, dan sambungan dari mata air: Rp 7.500.000
            - Tandon air 2.000 liter beserta dudukannya: Rp 4.000.000
            - Bangunan tempat wudu laki-laki dan perempuan: Rp 21.000.000
            - Dua unit toilet: Rp 6.500.000
            - Saluran pembuangan dan sumur resapan: Rp 3.000.000
            """
        ),
        donations=(
            DemoDonation(
                name="H. Asep Saepudin",
                amount=2_000_000,
                anonymous=False,
                message="Semoga menjadi amal jariyah yang pahalanya terus mengalir.",
            ),
            DemoDonation(
                name="Iwan Setiadi",
                amount=1_000_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Neng Yulianti",
                amount=100_000,
                anonymous=False,
                message="Semoga jemaah makin nyaman beribadah.",
            ),
            DemoDonation(
                name="Ujang Supriatna",
                amount=50_000,
                anonymous=False,
                message="",
            ),
            DemoDonation(
                name="Dedi Kurniawan",
                amount=500_000,
                anonymous=True,
                message="Semoga Allah membalas setiap tetes air wudu yang dipakai jemaah.",
            ),
            DemoDonation(
                name="Majelis Taklim Ibu-ibu Antapani",
                amount=1_500_000,
                anonymous=False,
                message="Salam dari ibu-ibu pengajian di Bandung. Semoga lancar pembangunannya.",
            ),
        ),
    ),
    DemoCampaign(
        key="atap-gereja-pandawai-sumba",
        title="Bangun Kembali Atap Gereja Jemaat di Sumba Timur",
        summary=(
            "Angin puting beliung merobohkan separuh atap gereja di Pandawai, dan 74 keluarga "
            "jemaat kini beribadah di bawah tenda terpal."
        ),
        category="rumah-ibadah",
        beneficiary="Jemaat Gereja Kasih Karunia, Kecamatan Pandawai, Sumba Timur",
        location="Sumba Timur, Nusa Tenggara Timur",
        target=55_000_000,
        days_left=60,
        featured=False,
        story=cleandoc(
            """
            Bangunan Gereja Jemaat Kasih Karunia di Kecamatan Pandawai, Kabupaten Sumba Timur,
            rusak berat ketika angin puting beliung melanda kampung pada awal musim hujan.
            Hampir separuh atap seng terlepas dan rangka kayunya patah. Tidak ada korban jiwa,
            tetapi sejak itu 74 keluarga jemaat beribadah di bawah tenda terpal di halaman.

            Gereja ini juga menjadi tempat sekolah minggu, latihan paduan suara, dan pertemuan
            warga, termasuk posyandu bulanan bagi balita dari kampung sekitar tanpa memandang
            agama. Setiap kali hujan turun, semua kegiatan itu terpaksa dihentikan.

            Sebagian besar jemaat adalah peternak dan petani lahan kering yang hasilnya sangat
            bergantung pada musim. Mereka telah mengumpulkan persembahan khusus dan menyiapkan
            tenaga untuk bekerja bersama, namun biaya material dan pengangkutannya dari
            Waingapu masih jauh dari cukup. Majelis jemaat mengajak saudara-saudari di mana pun
            untuk ikut membantu agar rumah ibadah ini kembali berdiri sebelum puncak musim
            hujan.

            ## Rencana penggunaan dana

            - Rangka atap kayu keras dan seng: Rp 31.000.000
            - Upah tukang: Rp 10.500.000
            - Plafon dan instalasi listrik: Rp 7.000.000
            - Pengangkutan material dari Waingapu: Rp 3.500.000
            - Perbaikan bangku jemaat: Rp 3.000.000

            Laporan pembangunan akan disampaikan majelis jemaat melalui halaman ini.
            """
        ),
        donations=(
            DemoDonation(
                name="Maria Goreti Lewa",
                amount=300_000,
                anonymous=False,
                message="Tuhan memberkati jemaat di Pandawai. Tetap kuat dalam iman.",
            ),
            DemoDonation(
                name="Stefanus Ndapa",
                amount=2_500_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Persekutuan Doa Oikumene Oebobo",
                amount=1_000_000,
                anonymous=False,
                message="Kami berdoa agar pembangunan berjalan lancar dan penuh sukacita.",
            ),
            DemoDonation(
                name="Ahmad Syarif",
                amount=200_000,
                anonymous=False,
                message="Salam persaudaraan dari Bima. Semoga lekas berdiri kembali.",
            ),
        ),
    ),
    DemoCampaign(
        key="dapur-umum-rw07-kalibaru",
        title="Dapur Umum untuk Lansia dan Balita di Kalibaru, Jakarta Utara",
        summary=(
            "Ibu-ibu PKK memasak 60 porsi makan siang bergizi setiap hari untuk lansia dan "
            "balita, dan iuran warga kini tidak lagi mencukupi."
        ),
        category="kemanusiaan",
        beneficiary="Lansia, balita, dan warga rentan RW 07 Kalibaru",
        location="Jakarta Utara, DKI Jakarta",
        target=36_000_000,
        days_left=30,
        featured=False,
        story=cleandoc(
            """
            Di gang-gang sempit RW 07 Kelurahan Kalibaru, Cilincing, Jakarta Utara, tinggal
            puluhan lansia yang hidup sendiri dan keluarga yang penghasilannya tidak menentu:
            buruh pengupas kerang, nelayan kecil, dan pemulung. Enam bulan terakhir, ibu-ibu
            PKK setempat memasak seadanya untuk tetangga yang paling membutuhkan, dengan bahan
            dari iuran warga.

            Kini iuran itu tidak lagi mencukupi. Harga beras, telur, dan minyak goreng terus
            naik, sementara jumlah penerima bertambah. Setiap hari dapur ini menyiapkan sekitar
            60 porsi makan siang bergizi untuk lansia, balita dengan gizi kurang yang dipantau
            posyandu, dan warga yang sedang sakit.

            Kami ingin dapur umum ini bisa berjalan tetap selama tiga bulan ke depan, sambil
            menata kebun sayur di lahan kosong milik warga dengan bibit dari kelompok tani kota,
            agar sebagian bahan makanan bisa dipenuhi dari kampung sendiri. Dua juru masak dari
            kalangan ibu-ibu setempat akan menerima honor sederhana agar mereka tidak kehilangan
            penghasilan selama memasak.

            ## Rencana penggunaan dana

            - Bahan makanan 60 porsi per hari selama 90 hari: Rp 24.300.000
            - Gas, kompor, dan peralatan dapur: Rp 3.200.000
            - Wadah makanan yang bisa dipakai ulang: Rp 2.500.000
            - Honor dua juru masak selama tiga bulan: Rp 6.000.000

            Menu harian dan daftar penerima dicatat oleh kader posyandu RW 07.
            """
        ),
        donations=(
            DemoDonation(
                name="Mega Puspitasari",
                amount=200_000,
                anonymous=False,
                message="Semoga dapurnya terus mengepul dan membawa berkah untuk semua.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=1_500_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Komunitas Sepeda Pagi Kelapa Gading",
                amount=2_000_000,
                anonymous=False,
                message="Sehat selalu untuk para sesepuh di Kalibaru.",
            ),
            DemoDonation(
                name="Yosua Simanjuntak",
                amount=100_000,
                anonymous=False,
                message="Tuhan memberkati ibu-ibu yang memasak.",
            ),
            DemoDonation(
                name="Wulan Sari",
                amount=50_000,
                anonymous=True,
                message="Semoga bermanfaat.",
            ),
        ),
    ),
    DemoCampaign(
        key="sembako-ojek-daring-bandung",
        title="Sembako dan Masker untuk 150 Pengemudi Ojek Daring di Bandung",
        summary=(
            "Pesanan hampir hilang selama masa pembatasan kegiatan, dan kas bersama komunitas "
            "pengemudi sudah habis untuk membantu rekan yang kesulitan."
        ),
        category="pekerja-informal",
        beneficiary="150 pengemudi ojek daring di Bandung timur",
        location="Bandung, Jawa Barat",
        target=37_500_000,
        days_left=25,
        featured=False,
        story=cleandoc(
            """
            Di sebuah pangkalan dekat Terminal Cicaheum, Bandung, sekitar 150 pengemudi ojek
            daring biasa menunggu pesanan sambil berbagi kopi dan kabar. Selama masa pembatasan
            kegiatan masyarakat, pesanan penumpang nyaris hilang. Banyak dari mereka kini pulang
            dengan penghasilan di bawah Rp 50.000 sehari, belum dipotong bensin dan cicilan
            motor.

            Komunitas pengemudi ini sudah lama punya kas bersama untuk membantu rekan yang sakit
            atau mengalami kecelakaan, tetapi kas itu habis dalam dua minggu pertama. Sebagian
            pengemudi menunda membayar kontrakan, sebagian lagi menjual barang rumah tangga
            untuk membeli beras.

            Penggalangan ini dibuat oleh pengurus komunitas untuk membantu rekan-rekan bertahan
            sampai keadaan membaik. Setiap pengemudi akan menerima satu paket sembako, masker
            kain dan cairan pembersih tangan agar tetap bisa bekerja dengan aman, serta bantuan
            pulsa data karena aplikasi tidak bisa dipakai tanpa kuota. Motor yang perlu
            diservis akan ditangani di bengkel milik anggota komunitas dengan harga modal.

            ## Rencana penggunaan dana

            - 150 paket sembako: Rp 22.500.000
            - Masker kain dan cairan pembersih tangan: Rp 3.000.000
            - Servis dan ganti oli untuk 100 motor: Rp 4.500.000
            - Bantuan pulsa data untuk 150 pengemudi: Rp 7.500.000

            Daftar penerima disusun bersama koordinator tiap pangkalan dan dapat diperiksa oleh
            para donatur.
            """
        ),
        donations=(
            DemoDonation(
                name="Ardiansyah",
                amount=100_000,
                anonymous=False,
                message="Semangat, Akang-akang! Semoga rezekinya lancar lagi.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=1_000_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Pelanggan setia dari Antapani",
                amount=250_000,
                anonymous=False,
                message="Terima kasih sudah mengantar kami setiap hari. Sehat selalu.",
            ),
            DemoDonation(
                name="Kedai Kopi Sudut Cicaheum",
                amount=1_200_000,
                anonymous=False,
                message="Sedikit dari kami, semoga bisa meringankan.",
            ),
            DemoDonation(
                name="Irma Suryani",
                amount=30_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Bambang Hermawan",
                amount=500_000,
                anonymous=False,
                message="Semoga keadaan segera pulih dan jalanan ramai kembali.",
            ),
        ),
    ),
    DemoCampaign(
        key="modal-pedagang-pasar-pekalongan",
        title="Modal Bangkit untuk 40 Pedagang Kecil Korban Kebakaran Pasar di Pekalongan",
        summary=(
            "Kebakaran menghanguskan dagangan dan lapak 40 pedagang kecil, yang kini mulai "
            "terjerat pinjaman berbunga tinggi agar bisa berjualan lagi."
        ),
        category="pekerja-informal",
        beneficiary="40 pedagang kecil korban kebakaran pasar, Kota Pekalongan",
        location="Kota Pekalongan, Jawa Tengah",
        target=60_000_000,
        days_left=35,
        featured=False,
        story=cleandoc(
            """
            Kebakaran pada dini hari dua pekan lalu menghanguskan los pedagang kecil di sebuah
            pasar tradisional di Kota Pekalongan. Api diduga berasal dari korsleting listrik dan
            baru padam setelah tiga jam. Sekitar 40 pedagang kecil, kebanyakan pemilik warung
            sayur, penjual bumbu, dan penjual jajanan pasar, kehilangan seluruh dagangan,
            timbangan, dan lapak mereka.

            Sebagian besar dari mereka adalah ibu-ibu yang menjadi tulang punggung keluarga.
            Modal mereka biasanya diputar setiap hari, sehingga ketika dagangan habis terbakar,
            tidak ada tabungan yang tersisa. Beberapa pedagang mulai meminjam dari rentenir
            dengan bunga tinggi agar bisa berjualan lagi di pinggir jalan.

            Paguyuban pedagang bersama pengelola pasar telah menyiapkan lokasi berjualan
            sementara. Kami ingin menyalurkan modal usaha langsung kepada setiap pedagang,
            menyediakan meja dan terpal untuk lapak darurat, serta mendampingi mereka membentuk
            kelompok simpan pinjam agar tidak terjerat utang berbunga tinggi di kemudian hari.

            ## Rencana penggunaan dana

            - Modal usaha untuk 40 pedagang: Rp 50.000.000
            - Meja, terpal, dan timbangan untuk lapak sementara: Rp 6.000.000
            - Pendampingan kelompok simpan pinjam selama enam bulan: Rp 4.000.000

            Nama penerima dan besaran modal disepakati bersama paguyuban pedagang.
            """
        ),
        donations=(
            DemoDonation(
                name="Keluarga Besar H. Abdul Karim",
                amount=3_000_000,
                anonymous=False,
                message="Semoga pasar kembali ramai dan dagangan laris manis.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=2_000_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Fitri Handayani",
                amount=150_000,
                anonymous=False,
                message="Semoga diganti dengan rezeki yang lebih baik.",
            ),
            DemoDonation(
                name="Lina Marlina",
                amount=75_000,
                anonymous=True,
                message="Kuat ya, Ibu-ibu.",
            ),
            DemoDonation(
                name="Arif Setiawan",
                amount=500_000,
                anonymous=False,
                message="",
            ),
        ),
    ),
    DemoCampaign(
        key="mangrove-sayung-demak",
        title="Tanam 15.000 Mangrove untuk Menahan Abrasi di Pesisir Demak",
        summary=(
            "Kelompok nelayan dan petambak di Sayung menanam mangrove untuk melindungi dusun "
            "mereka dari abrasi dan banjir rob."
        ),
        category="lingkungan",
        beneficiary="Kelompok Pesisir Lestari dan warga Dusun Tambaksari, Demak",
        location="Demak, Jawa Tengah",
        target=45_000_000,
        days_left=120,
        featured=True,
        story=cleandoc(
            """
            Dalam dua dekade terakhir, abrasi dan banjir rob telah menenggelamkan ratusan
            hektare tambak dan permukiman di pesisir Kecamatan Sayung, Kabupaten Demak, Jawa
            Tengah. Di Dusun Tambaksari, air laut kini masuk ke halaman rumah hampir setiap
            bulan, dan makam dusun sudah dua kali ditinggikan.

            Beberapa tahun terakhir, Kelompok Pesisir Lestari yang beranggotakan 23 nelayan dan
            petambak menanam mangrove secara swadaya. Hasilnya mulai terlihat: di bagian yang
            mangrovenya tumbuh rapat, gelombang melemah, lumpur mulai mengendap, dan kepiting
            serta ikan belanak kembali. Namun bibit yang ditanam tanpa pelindung sering tercabut
            ombak sebelum akarnya kuat.

            Tahun ini kelompok ingin menanam 15.000 bibit mangrove di sepanjang 1,2 kilometer
            garis pantai, didahului pemasangan alat pemecah ombak sederhana dari bambu dan
            ikatan ranting. Kelompok juga akan merawat dan menyulam tanaman yang mati selama
            enam bulan pertama, karena masa itulah yang paling menentukan.

            Setiap Rp 3.000 yang Anda berikan kurang lebih setara dengan satu bibit yang ditanam
            dan dirawat sampai berakar.

            ## Rencana penggunaan dana

            - 15.000 bibit mangrove siap tanam: Rp 22.500.000
            - Ajir bambu dan tali pengikat: Rp 6.000.000
            - Alat pemecah ombak dari bambu: Rp 9.500.000
            - Upah tanam dan perawatan selama enam bulan: Rp 5.000.000
            - Penyulaman bibit yang mati: Rp 2.000.000

            Foto dan titik lokasi penanaman akan kami bagikan setelah setiap tahap selesai.
            """
        ),
        donations=(
            DemoDonation(
                name="Galih Prakoso",
                amount=150_000,
                anonymous=False,
                message="Untuk pesisir yang lebih kuat. Semoga tumbuh subur.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=3_000_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Siswa-siswi Kelas 8B dari Semarang",
                amount=450_000,
                anonymous=False,
                message="Kami menabung uang jajan untuk mangrove. Semoga tumbuh tinggi!",
            ),
            DemoDonation(
                name="Anindya Kusuma",
                amount=1_000_000,
                anonymous=False,
                message="Semoga pesisir Sayung kembali hijau.",
            ),
            DemoDonation(
                name="Bima Aditya",
                amount=60_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Relawan Susur Pantai Jepara",
                amount=750_000,
                anonymous=False,
                message="Salam lestari dari tetangga pesisir.",
            ),
            DemoDonation(
                name="Surya Darmawan",
                amount=2_000_000,
                anonymous=False,
                message="",
            ),
        ),
    ),
    DemoCampaign(
        key="sehat-bersama-rw04-tallo",
        title="Masker, Tempat Cuci Tangan, dan Disinfektan untuk Warga RW 04 Tallo",
        summary=(
            "Kawasan padat di tepi sungai di Makassar ini mengalami lonjakan penyakit menular, "
            "sementara peralatan kesehatan warga sangat terbatas."
        ),
        category="lainnya",
        beneficiary="420 keluarga di RW 04, Kecamatan Tallo, Makassar",
        location="Makassar, Sulawesi Selatan",
        target=18_500_000,
        days_left=18,
        featured=False,
        story=cleandoc(
            """
            RW 04 di Kecamatan Tallo, Kota Makassar, adalah kawasan padat di tepi sungai dengan
            sekitar 420 kepala keluarga. Dalam sebulan terakhir, puskesmas mencatat lonjakan
            kasus infeksi saluran pernapasan dan diare, serta beberapa kasus demam berdarah pada
            anak-anak. Rumah yang berdempetan dan saluran air yang tersumbat membuat penyakit
            mudah menular.

            Pengurus RT dan RW bersama karang taruna sudah berjalan dari pintu ke pintu
            memberikan penyuluhan, tetapi peralatannya sangat terbatas. Belum ada tempat cuci
            tangan umum di mulut gang, masker hanya tersedia untuk kader kesehatan, dan alat
            semprot milik RW sudah lama rusak.

            Kami ingin melakukan penyemprotan disinfektan rutin di fasilitas umum seperti
            musala, pos ronda, dan PAUD, memasang sepuluh tempat cuci tangan dengan sabun di
            mulut gang, membagikan masker kain kepada warga, serta membagikan bubuk abate untuk
            bak mandi agar jentik nyamuk tidak berkembang. Para pemuda karang taruna akan
            menjadi relawan pelaksana, didampingi kader puskesmas.

            ## Rencana penggunaan dana

            - Alat semprot dan cairan disinfektan selama tiga bulan: Rp 4.200.000
            - 2.000 masker kain untuk warga: Rp 6.000.000
            - Sepuluh tempat cuci tangan dengan sabun: Rp 5.500.000
            - Sabun cair tambahan dan bubuk abate: Rp 2.800.000

            Jadwal penyemprotan akan diumumkan melalui grup warga dan pengeras suara musala.
            """
        ),
        donations=(
            DemoDonation(
                name="Andi Rahmat",
                amount=500_000,
                anonymous=False,
                message="Sehat-sehat semua warga RW 04. Semoga cepat tertangani.",
            ),
            DemoDonation(
                name="Hamba Allah",
                amount=1_000_000,
                anonymous=True,
                message="",
            ),
            DemoDonation(
                name="Nurul Hikmah",
                amount=100_000,
                anonymous=False,
                message="Semoga anak-anak terhindar dari penyakit.",
            ),
        ),
    ),
)

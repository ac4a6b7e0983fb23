"""Bahasa Indonesia for every template in the source. Keys are the English templates.

``python -m outlet_pos.i18n.scan`` lists templates still missing here; a test fails
while any is.
"""

CATALOG: dict[str, str] = {
    # counter window
    "No screen here, so the counter window stays closed. On a desktop: outlet-pos gui {d}":
        "Tidak ada layar di sini, jadi jendela loket tidak dibuka. Di desktop: "
        "outlet-pos gui {d}",
    "Opening the counter window (log in as kasir1 / {password})…":
        "Membuka jendela loket (masuk sebagai kasir1 / {password})…",
    '&1 Sender phone': '&1 HP pengirim',
    '&2 Recipient phone': '&2 HP penerima',
    'Customer': 'Pelanggan',
    'Street': 'Jalan',
    'Postal code': 'Kode pos',
    'Village': 'Kelurahan/desa',
    '&Weight (kg)': '&Berat (kg)',
    '&Size (cm)': '&Ukuran (cm)',
    'P&ieces': '&Koli',
    '&Contents': '&Isi',
    '&Declared value': '&Nilai barang',
    'Insu&red': 'Asuran&si',
    'C&OD': '&COD',
    'Pac&king': 'Pac&king',
    'Pay&ment': 'Ca&ra bayar',
    '&Tendered': '&Uang diterima',
    'Re&ference': '&Referensi',
    '&New shipment': 'Kiriman &baru',
    'Booking message': 'Pesan pemesanan',
    'Parcel': 'Paket',
    'Services and prices': 'Layanan dan harga',
    'Change': 'Kembalian',
    'Saving…': 'Menyimpan…',
    'Booked {waybill}; printing…': 'Tersimpan {waybill}; mencetak…',
    'Price': 'Rincian harga',
    'Arrives by': 'Tiba paling lambat',
    "Booked {waybill}, but NOT printed: {reason}. Reprint it from Today's shipments.":
        'Tersimpan {waybill}, tetapi TIDAK tercetak: {reason}. Cetak ulang dari Kiriman hari ini.',
    'Booked and printed {waybill}': 'Tersimpan dan tercetak {waybill}',
    '{role} {what}': '{role} {what}',
    'Weight in kg': 'Berat dalam kg',
    'Dimensions in cm': 'Ukuran dalam cm',
    'Pieces': 'Koli',
    'Goods description': 'Isi kiriman',
    'Declared value': 'Nilai barang',
    'Insured': 'Asuransi',
    'Cash on delivery amount': 'Jumlah COD',
    'Packing': 'Packing',
    'Payment method': 'Cara bayar',
    'Amount tendered': 'Uang diterima',
    'Payment reference': 'Referensi pembayaran',
    'phone': 'telepon',
    'known': 'pelanggan lama',
    'name': 'nama',
    'street': 'jalan',
    'postal code': 'kode pos',
    'village': 'kelurahan/desa',
    'Outlet POS — log in': 'Outlet POS — masuk',
    'User id': 'ID pengguna',
    'Password': 'Kata sandi',
    'Log-in message': 'Pesan masuk',
    '&User id': 'ID &pengguna',
    '&Password': '&Kata sandi',
    '&Log in': '&Masuk',
    '&Cancel': '&Batal',
    'Cancel': 'Batal',
    'Log in': 'Masuk',
    'Checking…': 'Memeriksa…',
    'Counter locked by {user}; log in to continue': 'Loket dikunci oleh {user}; masuk untuk lanjut',
    '{outlet} — terminal {terminal}': '{outlet} — terminal {terminal}',
    'Type your user id': 'Ketik ID pengguna Anda',
    'Outlet POS — {outlet}': 'Outlet POS — {outlet}',
    'Pages': 'Halaman',
    "&Today's shipments": 'Kiriman &hari ini',
    'T&rack': '&Lacak',
    'Service &points': 'Titik &layanan',
    'User: {user}': 'Pengguna: {user}',
    'Outlet {n}/{t}': 'Outlet {n}/{t}',
    'Printer: {p}': 'Printer: {p}',
    'No printer set up': 'Printer belum diatur',
    'Search service points': 'Cari titik layanan',
    '&Search': '&Cari',
    'Service points': 'Titik layanan',
    'Service points message': 'Pesan titik layanan',
    '{n} of {total} service points': '{n} dari {total} titik layanan',
    'No service points yet: they come with the first sync':
        'Belum ada titik layanan: datang bersama sinkronisasi pertama',
    'waybill or phone number': 'nomor resi atau telepon',
    'Search shipments': 'Cari kiriman',
    '&Find': '&Cari',
    "Today's shipments": 'Kiriman hari ini',
    '&Reprint': 'Cetak &ulang',
    'Reprint the selected waybill': 'Cetak ulang resi yang dipilih',
    'Message': 'Pesan',
    'Number of shipments shown': 'Jumlah kiriman yang tampil',
    'Loading…': 'Memuat…',
    '{n} shipments': '{n} kiriman',
    'Printing {waybill}…': 'Mencetak {waybill}…',
    'Select a shipment first': 'Pilih kiriman dulu',
    'NOT printed: {reason}. {remedy}': 'TIDAK tercetak: {reason}. {remedy}',
    'Printed again, marked REPRINT {n}': 'Dicetak lagi, bertanda CETAK ULANG {n}',
    'Printed': 'Tercetak',
    'print failed': 'gagal cetak',
    'printed': 'tercetak',
    '{kg} kg': '{kg} kg',
    'Waybill to track': 'Resi yang dilacak',
    '&Waybill': '&Resi',
    '&Track': '&Lacak',
    'Track': 'Lacak',
    'Tracking history': 'Riwayat pelacakan',
    'Tracking message': 'Pesan pelacakan',
    'Asking the server…': 'Menanyakan server…',
    'Offline: the last known history of {waybill}, from {when}':
        'Luring: riwayat terakhir {waybill}, dari {when}',
    '{n} waiting': '{n} menunggu',
    'all sent': 'semua terkirim',
    'Online · {waiting}': 'Daring · {waiting}',
    'Not connected to the central server (not enrolled)':
        'Tidak terhubung ke server pusat (belum terdaftar)',
    'oldest {age}': 'tertua {age}',
    'Not sent for a long time: {waiting}. Check the network.':
        'Lama tidak terkirim: {waiting}. Periksa jaringan.',
    'Offline — saved here, sent when the network is back ({waiting})':
        'Luring — tersimpan di sini, dikirim saat jaringan kembali ({waiting})',
    'Sync state': 'Status sinkronisasi',
    'Sending backlog': 'Mengirim antrean',
    'Printer': 'Printer',
    'User': 'Pengguna',
    'Outlet': 'Outlet',
    'Waybill': 'Resi',
    'Time': 'Jam',
    'Service': 'Layanan',
    'Weight': 'Berat',
    'Payment': 'Pembayaran',
    'State': 'Status',
    'Code': 'Kode',
    'Name': 'Nama',
    'Address': 'Alamat',
    'City': 'Kota',
    'Hours': 'Jam buka',
    'Phone': 'Telepon',
    # sync
    "closing {n} of {day}: {count} shipments ({void} void), revenue {revenue}":
        "penutupan ke-{n} tanggal {day}: {count} kiriman ({void} batal), pendapatan {revenue}",
    "cash expected {expected}, counted {counted}, difference {diff}":
        "kas seharusnya {expected}, dihitung {counted}, selisih {diff}",
    "queued for the central server": "masuk antrean ke server pusat",
    "the enrollment code is not valid; check it or ask for a new one":
        "kode pendaftaran tidak sah; periksa atau minta kode baru",
    "the enrollment code was already used; ask for a new one":
        "kode pendaftaran sudah dipakai; minta kode baru",
    "the enrollment code has expired; ask for a new one":
        "kode pendaftaran sudah kedaluwarsa; minta kode baru",
    "local central server: {url}": "server pusat lokal: {url}",
    "Sync with the central server (here a local one on this PC)":
        "Sinkronisasi dengan server pusat (di sini server lokal di PC ini)",
    "not sent: {error}": "tidak terkirim: {error}",
    "sent {n} events; nothing waits ({left} left)":
        "{n} kejadian terkirim; tidak ada yang menunggu ({left} tersisa)",
    "Tracking of {waybill} from the server": "Pelacakan {waybill} dari server",
    "must be whole rupiah, 0 or more": "harus rupiah bulat, 0 atau lebih",
    "{day} is already closed on this terminal": "{day} sudah ditutup di terminal ini",
    "{n} days": "{n} hari",
    "{n} min": "{n} menit",
    "{n} h": "{n} jam",
    "hours": "jam",
    "not enrolled": "belum terdaftar",
    "Sync: {state}": "Sinkronisasi: {state}",
    "  waiting to be sent: {n}": "  menunggu dikirim: {n}",
    "  oldest unsent: {age}": "  tertua belum terkirim: {age}",
    "  parked (refused by the server): {n}": "  ditahan (ditolak server): {n}",
    "  last success: {when}": "  terakhir berhasil: {when}",
    "enrolled: outlet {outlet} terminal {terminal} is device {device}":
        "terdaftar: outlet {outlet} terminal {terminal} adalah perangkat {device}",
    "online": "daring",
    "offline": "luring",
    "not tried yet": "belum dicoba",
    "  last error: {error} ({when})": "  galat terakhir: {error} ({when})",
    "  this PC's clock is {n} s off the server's; correct it":
        "  jam PC ini selisih {n} detik dari server; betulkan",
    "WARNING: shipments have waited more than {h} h to be sent; check the network or call "
    "support": "PERINGATAN: ada kiriman yang menunggu lebih dari {h} jam untuk dikirim; "
    "periksa jaringan atau hubungi dukungan",
    "syncing every {n} s; Ctrl+C stops": "sinkronisasi tiap {n} detik; Ctrl+C untuk berhenti",
    "tariff {version} in force ({state})": "tarif {version} berlaku ({state})",
    "sent {n} ({dup} already there), parked {parked}; tariff {tariff}":
        "terkirim {n} ({dup} sudah ada), ditahan {parked}; tarif {tariff}",
    "offline: the last known history, fetched {when}":
        "luring: riwayat terakhir yang diketahui, diambil {when}",
    "no tracking events yet for {waybill}": "belum ada riwayat pelacakan untuk {waybill}",
    "sent {n}; {left} still waiting": "terkirim {n}; {left} masih menunggu",
    "updated": "diperbarui",
    "unchanged": "tidak berubah",
    "enroll needs --server URL --code CODE, or --provisioning-file FILE":
        "enroll memerlukan --server URL --code KODE, atau --provisioning-file BERKAS",
    "this terminal is not enrolled; run outlet-pos enroll":
        "terminal ini belum terdaftar; jalankan outlet-pos enroll",
    "this terminal was revoked at the server; enroll it again":
        "terminal ini dicabut di server; daftarkan lagi",
    "this PC's clock is too far off the server's; set the date and time":
        "jam PC ini terlalu jauh dari jam server; atur tanggal dan waktunya",
    "server must be an address like https://pusat.example.co.id":
        "server harus berupa alamat seperti https://pusat.example.co.id",
    "plain http is allowed only to this computer (127.0.0.1); use https":
        "http biasa hanya boleh ke komputer ini (127.0.0.1); gunakan https",
    "the server answered {status}; will retry": "server menjawab {status}; akan dicoba lagi",
    "the server has no sync API at this address; check the server address":
        "tidak ada API sinkronisasi di alamat ini; periksa alamat server",
    "the server's answer does not cover the batch":
        "jawaban server tidak mencakup seluruh kiriman",
    "the server refused this terminal's credential; enroll it again":
        "server menolak kredensial terminal ini; daftarkan lagi",
    "the server's answer was cut off; will retry": "jawaban server terpotong; akan dicoba lagi",
    "the server's certificate is not trusted ({why}); check the CA bundle":
        "sertifikat server tidak dipercaya ({why}); periksa berkas CA",
    "no connection to the server ({error})": "tidak ada koneksi ke server ({error})",
    "{file} holds a damaged device key": "{file} berisi kunci perangkat yang rusak",
    "{file} is not an outlet-pos provisioning file ({error})":
        "{file} bukan berkas provisioning outlet-pos ({error})",
    "the tariff download failed its signature check; the current tariff stays in use":
        "unduhan tarif gagal pemeriksaan tanda tangan; tarif sekarang tetap dipakai",
    # printing
    'cannot create the output directory: {path}':
        'direktori keluaran tidak dapat dibuat: {path}',
    'port {port} is in use; choose another with --port':
        'port {port} sedang dipakai; pilih port lain dengan --port',
    'Virtual printer listening on {host}:{port}, writing jobs to {path}':
        'Printer virtual mendengarkan di {host}:{port}, menulis hasil cetak ke {path}',
    'job {n}: {size} bytes → {path}':
        'cetakan {n}: {size} byte → {path}',
    'stopped':
        'berhenti',
    'must be label, a6 or a4':
        'harus label, a6 atau a4',
    'Print the label and the receipt on the virtual thermal printer':
        'Cetak label dan tanda terima di printer thermal virtual',
    '{copy}: printed':
        '{copy}: tercetak',
    '{copy}: NOT printed ({reason})':
        '{copy}: TIDAK tercetak ({reason})',
    'the paper as the printer printed it: {path}':
        'kertas seperti yang dicetak printer: {path}',
    'and as a 100x150 mm PDF label: {path}':
        'dan sebagai label PDF 100x150 mm: {path}',
    'Printer profiles (--profile NAME):':
        'Profil printer (--profile NAMA):',
    'What to do: {remedy}':
        'Yang harus dilakukan: {remedy}',
    'This counter prints to {connection} as {profile}. Try it: outlet-pos printer test':
        'Loket ini mencetak ke {connection} sebagai {profile}. Coba: outlet-pos printer '
        'test',
    'raster only':
        'hanya raster',
    'USB printers attached:':
        'Printer USB yang terpasang:',
    'no profile known; try generic-58 or generic-80':
        'belum ada profilnya; coba generic-58 atau generic-80',
    'OK: the test page went to {connection} ({profile}). Check on paper that the barcode '
    'and the QR scan and the code-page line shows its accents; if the barcode prints as '
    "text, choose a '-raster' profile.":
        'OK: halaman uji terkirim ke {connection} ({profile}). Periksa di kertas bahwa '
        'barcode dan QR terbaca pemindai dan baris kode halaman menampilkan aksennya; jika '
        "barcode tercetak sebagai teks, pilih profil '-raster'.",
    'NOT printed: {copy} of {waybill} (job {id})':
        'TIDAK tercetak: {copy} untuk {waybill} (tugas {id})',
    'none found':
        'tidak ada',
    'wrote {path}':
        '{path} sudah ditulis',
    'no print jobs':
        'tidak ada tugas cetak',
    'The shipment is saved. Retry with: outlet-pos printer retry {id}':
        'Pengiriman sudah tersimpan. Coba cetak lagi dengan: outlet-pos printer retry {id}',
    'FAILED: the test page was not printed.':
        'GAGAL: halaman uji tidak tercetak.',
    'printed {copy} of {waybill} (job {id}) {tag}':
        '{copy} untuk {waybill} tercetak (tugas {id}) {tag}',
    'USB detection needs pyusb':
        'deteksi USB memerlukan pyusb',
    'USB detection needs libusb (Linux: apt install libusb-1.0-0)':
        'deteksi USB memerlukan libusb (Linux: apt install libusb-1.0-0)',
    'must look like usb:VID:PID, net:HOST:PORT, serial:DEV, win:NAME, cups:NAME or '
    'file:PATH':
        'harus berbentuk usb:VID:PID, net:HOST:PORT, serial:DEV, win:NAMA, cups:NAMA atau '
        'file:PATH',
    'usb needs vendor and product id in hex, e.g. usb:0416:5011':
        'usb perlu vendor id dan product id dalam heksadesimal, mis. usb:0416:5011',
    'net needs a host and a port, e.g. net:192.168.1.50:9100':
        'net perlu host dan port, mis. net:192.168.1.50:9100',
    'serial speed must be a number, e.g. serial:/dev/ttyUSB0@9600':
        'kecepatan serial harus angka, mis. serial:/dev/ttyUSB0@9600',
    'this user may not use the USB printer: install the udev rule from printers/README.md '
    '(or the .deb package) and unplug and replug the printer':
        'pengguna ini tidak boleh memakai printer USB: pasang aturan udev dari '
        'printers/README.md (atau paket .deb), lalu cabut dan colok lagi printernya',
    'Windows has no access to the printer over USB: use its Windows printer (win:NAME) or '
    'install the WinUSB driver with Zadig':
        'Windows tidak bisa mengakses printer lewat USB: pakai printer Windows-nya '
        '(win:NAMA) atau pasang driver WinUSB dengan Zadig',
    'no printer is set up for this counter':
        'belum ada printer yang diatur untuk loket ini',
    'ask the manager or technician to choose one: outlet-pos printer use …':
        'minta manajer atau teknisi memilihnya: outlet-pos printer use …',
    'the printer cannot be reached':
        'printer tidak dapat dihubungi',
    'check that the printer is switched on and its cable (USB or network) is plugged in, '
    'then retry':
        'pastikan printer menyala dan kabelnya (USB atau jaringan) terpasang, lalu coba '
        'lagi',
    'the printer is out of paper':
        'kertas printer habis',
    'put in a new paper roll, close the cover, then retry':
        'pasang gulungan kertas baru, tutup penutupnya, lalu coba lagi',
    'the printer cover is open':
        'penutup printer terbuka',
    'close the printer cover until it clicks, then retry':
        'tutup penutup printer sampai berbunyi klik, lalu coba lagi',
    'the printer reports an error':
        'printer melaporkan kesalahan',
    'switch the printer off and on again; if the error light stays on, call the technician':
        'matikan lalu nyalakan lagi printer; jika lampu error tetap menyala, hubungi '
        'teknisi',
    'the printer does not answer':
        'printer tidak menjawab',
    'switch the printer off and on again, wait ten seconds, then retry':
        'matikan lalu nyalakan lagi printer, tunggu sepuluh detik, lalu coba lagi',
    'the connection to the printer broke during printing':
        'sambungan ke printer terputus saat mencetak',
    'check the cable and retry; throw away the half-printed waybill':
        'periksa kabel lalu coba lagi; buang resi yang tercetak setengah',
    'the printer does not support what was sent':
        'printer tidak mendukung perintah yang dikirim',
    "choose the printer's model or a '-raster' profile: outlet-pos printer list":
        "pilih model printer ini atau profil '-raster': outlet-pos printer list",
    'the printer is plugged in, but this computer may not use it':
        'printer sudah tercolok, tetapi komputer ini tidak diizinkan memakainya',
    'unknown printer profile {name}; choose one of: {names}':
        'profil printer {name} tidak dikenal; pilih salah satu: {names}',
    'must be label, receipt or outlet':
        'harus label, receipt atau outlet',
    'print job {id} does not exist':
        'tugas cetak {id} tidak ada',

    # --- words used as parameters
    "grams": "gram",
    "cm": "cm",
    "pieces": "koli",
    "days": "hari",
    "booked": "terbooking",
    "void": "batal",
    "sender": "pengirim",
    "recipient": "penerima",
    "synced": "terkirim",
    "queued": "antre",
    "Sender": "Pengirim",
    "Recipient": "Penerima",
    "Total": "Total",
    # --- field checks (shown after the field name: "recipient.phone: ...")
    "is required": "wajib diisi",
    "is missing": "tidak ada",
    "must be text": "harus berupa teks",
    "must be true or false": "harus true atau false",
    "must be one of: {choices}": "harus salah satu dari: {choices}",
    "must be a whole number of {unit}": "harus bilangan bulat dalam {unit}",
    "must be between {lo} and {hi} {unit}": "harus antara {lo} dan {hi} {unit}",
    "is too long: at most {n} characters": "terlalu panjang: paling banyak {n} karakter",
    "contains a control or unknown character; retype it":
        "berisi karakter kontrol atau tidak dikenal; ketik ulang",
    "must not be negative": "tidak boleh negatif",
    "must be more than zero": "harus lebih dari nol",
    "must be at most {amount}": "paling banyak {amount}",
    "must be a whole number of rupiah (no decimals), e.g. 500000":
        "harus rupiah bulat (tanpa desimal), mis. 500000",
    "is required for insurance: enter the goods' value":
        "wajib untuk asuransi: isi nilai barang",
    "is required, e.g. 0812 3456 7890": "wajib diisi, mis. 0812 3456 7890",
    "may hold only digits, spaces, +, -, ( and )": "hanya boleh angka, spasi, +, -, ( dan )",
    "is not a phone number; type it as 0812 3456 7890":
        "bukan nomor telepon; ketik seperti 0812 3456 7890",
    "is not a valid phone number; check the digits (e.g. 0812 3456 7890)":
        "bukan nomor telepon yang valid; periksa angkanya (mis. 0812 3456 7890)",
    "is not an e-mail address, e.g. nama@contoh.co.id":
        "bukan alamat e-mail, mis. nama@contoh.co.id",
    "must be 5 digits, e.g. 40115": "harus 5 angka, mis. 40115",
    "is not a known Indonesian postal code; check it":
        "bukan kode pos Indonesia yang dikenal; periksa lagi",
    "several villages use postal code {pc}; give one of {names}":
        "beberapa kelurahan/desa memakai kode pos {pc}; pilih salah satu: {names}",
    "does not match postal code {pc}; expected {expected}":
        "tidak cocok dengan kode pos {pc}; seharusnya {expected}",
    "covers several districts ({names}); give the district code":
        "mencakup beberapa kecamatan ({names}); isi kode kecamatan",
    "must be a number of kilograms, e.g. 1.31": "harus angka dalam kilogram, mis. 1,31",
    "has more precision than a gram; round it": "lebih teliti dari satu gram; bulatkan",
    "must be more than 0 kg": "harus lebih dari 0 kg",
    "is far too heavy; check the scale": "terlalu berat; periksa timbangan",
    "must be length x width x height in cm, e.g. 30x20x10":
        "harus panjang x lebar x tinggi dalam cm, mis. 30x20x10",
    "is missing; see examples/shipment.json": "tidak ada; lihat examples/shipment.json",
    "must be a JSON object; see examples/shipment.json":
        "harus objek JSON; lihat examples/shipment.json",
    "is required, e.g. REG": "wajib diisi, mis. REG",
    "has no tariff from this outlet; check the postal code or ask for a tariff update":
        "tidak ada tarif dari outlet ini; periksa kode pos atau minta pembaruan tarif",
    "is not available to this destination; available: {available}":
        "tidak tersedia ke tujuan ini; yang tersedia: {available}",
    "must be {n} digits": "harus {n} angka",
    "has a typing error (check digit does not match); retype it":
        "salah ketik (digit pemeriksa tidak cocok); ketik ulang",
    "is not a waybill number of this courier": "bukan nomor resi kurir ini",
    "is less than the total {amount}": "kurang dari total {amount}",
    "must be YYYY-MM-DD, e.g. 2026-11-25": "harus TTTT-BB-HH, mis. 2026-11-25",
    "explain the void in a few words": "jelaskan alasan pembatalan dengan beberapa kata",
    "is already void": "sudah dibatalkan",
    # --- users and log-in
    "wrong user id or password": "ID pengguna atau kata sandi salah",
    "too many wrong passwords: this user is locked until {until} UTC; wait, or ask a manager":
        "terlalu banyak kata sandi salah: pengguna ini dikunci sampai {until} UTC; tunggu, "
        "atau minta bantuan manajer",
    "must be 3-32 characters: lower-case letters, digits, . _ -":
        "harus 3-32 karakter: huruf kecil, angka, . _ -",
    "must be at least {n} characters": "paling sedikit {n} karakter",
    "must be at most {n} characters": "paling banyak {n} karakter",
    "must be clerk, manager or technician": "harus clerk, manager atau technician",
    "log in as a manager to add users": "masuk sebagai manajer untuk menambah pengguna",
    "already exists; choose another user id": "sudah ada; pilih ID pengguna lain",
    "the {role} role may not {action}; ask a user with the right role":
        "peran {role} tidak boleh melakukan '{action}'; minta pengguna dengan peran yang sesuai",
    "the two entries differ; type it again": "kedua isian berbeda; ketik lagi",
    "Password for {user}: ": "Kata sandi {user}: ",
    "New password for manager {user}: ": "Kata sandi baru untuk manajer {user}: ",
    "New password for {user}: ": "Kata sandi baru untuk {user}: ",
    "Repeat the password: ": "Ulangi kata sandi: ",
    "needs a terminal to prompt; or use --password-stdin":
        "butuh terminal untuk bertanya; atau pakai --password-stdin",
    "is required for this command: --user NAME": "wajib untuk perintah ini: --user NAMA",
    "expected on standard input, but input ended":
        "diharapkan dari input standar, tetapi input sudah habis",
    # --- storage, keys and integrity
    "waybill {number} is not in this outlet's database":
        "resi {number} tidak ada di basis data outlet ini",
    "row {row} is missing": "baris {row} hilang",
    "does not link to the row before it": "tidak tersambung ke baris sebelumnya",
    "its content was altered": "isinya diubah",
    "the master key does not open this database's keys (wrong key or damaged key table)":
        "kunci utama tidak dapat membuka kunci basis data ini (kunci salah atau tabel kunci "
        "rusak)",
    "{where} of one row failed its integrity check (altered, moved between rows, or the wrong "
    "key)": "{where} pada satu baris gagal uji integritas (diubah, dipindah antarbaris, atau "
            "kunci salah)",
    "{path} already holds an outlet database; nothing was changed":
        "{path} sudah berisi basis data outlet; tidak ada yang diubah",
    "{path} is missing although {other} is there; restore the database from backup":
        "{path} tidak ada padahal {other} ada; pulihkan basis data dari cadangan",
    "no outlet database in {path}; run: outlet-pos init --outlet-number N --terminal T "
    "--manager NAME": "belum ada basis data outlet di {path}; jalankan: outlet-pos init "
                      "--outlet-number N --terminal T --manager NAMA",
    "{path} is damaged; restore it from backup": "{path} rusak; pulihkan dari cadangan",
    "this database has no key record; it was not set up with init":
        "basis data ini tidak punya catatan kunci; tidak dibuat dengan init",
    "the master key ({key}) is not in {store}; restore the keys from the outlet's backup. "
    "Nothing was changed.": "kunci utama ({key}) tidak ada di {store}; pulihkan kunci dari "
                            "cadangan outlet. Tidak ada yang diubah.",
    "the index or audit key is missing from the key table":
        "kunci indeks atau kunci audit tidak ada di tabel kunci",
    "the key file {path} is readable by other users; run: chmod 600 {path}":
        "berkas kunci {path} dapat dibaca pengguna lain; jalankan: chmod 600 {path}",
    "cannot read the key file {path}: {error}": "tidak dapat membaca berkas kunci {path}: {error}",
    "the key file {path} is damaged; restore it from backup":
        "berkas kunci {path} rusak; pulihkan dari cadangan",
    "the system key store did not answer: {error}":
        "penyimpanan kunci sistem tidak menjawab: {error}",
    "cannot save to the system key store: {error}":
        "tidak dapat menyimpan ke penyimpanan kunci sistem: {error}",
    "the database has schema {current}, made by a newer Outlet POS; install the newer version "
    "instead of this one": "basis data memakai skema {current} dari Outlet POS yang lebih baru; "
                           "pasang versi yang lebih baru itu",
    "integrity check failed: {reason}. Nothing was changed; run 'outlet-pos audit verify' and "
    "call support.": "uji integritas gagal: {reason}. Tidak ada yang diubah; jalankan "
                     "'outlet-pos audit verify' dan hubungi dukungan.",
    "interrupted": "dihentikan",
    "unexpected error ({error}); details are in the log":
        "kesalahan tak terduga ({error}); rinciannya ada di log",
    # --- CLI output
    "Outlet {outlet} terminal {terminal} is ready in {path}":
        "Outlet {outlet} terminal {terminal} siap di {path}",
    "Manager '{user}' created. Master key kept in {store}.":
        "Manajer '{user}' dibuat. Kunci utama disimpan di {store}.",
    "User '{user}' added with role {role}.": "Pengguna '{user}' ditambahkan dengan peran {role}.",
    "New master key {key} is in use; every data key was re-wrapped and a new data key started "
    "for this month.": "Kunci utama baru {key} dipakai; semua kunci data dibungkus ulang dan "
                       "kunci data baru dimulai untuk bulan ini.",
    "Audit log intact: {rows} rows, head {head}…": "Log audit utuh: {rows} baris, kepala {head}…",
    "Audit log BROKEN at row {row}: {reason}. Keep this database as evidence and call support.":
        "Log audit RUSAK di baris {row}: {reason}. Simpan basis data ini sebagai bukti dan "
        "hubungi dukungan.",
    "Personal data older than {days} days: {shredded} shipments shredded, {held} kept until "
    "they reach the server, {keys} period keys destroyed, {events} sent events cleared.":
        "Data pribadi lebih dari {days} hari: {shredded} kiriman dihapus, {held} disimpan sampai "
        "terkirim ke server, {keys} kunci periode dimusnahkan, {events} event terkirim "
        "dibersihkan.",
    "To {place} ({code})": "Ke {place} ({code})",
    "(arrives by {date}, {lo}-{hi} working days)": "(tiba paling lambat {date}, {lo}-{hi} "
                                                   "hari kerja)",
    "chargeable {kg} kg (actual {actual} g, volumetric {vol} g)":
        "berat tertagih {kg} kg (aktual {actual} g, volumetrik {vol} g)",
    "file not found: {path}": "berkas tidak ditemukan: {path}",
    "the file is not UTF-8 text": "berkas bukan teks UTF-8",
    "is not valid JSON (line {line}, column {col})": "bukan JSON yang valid (baris {line}, "
                                                     "kolom {col})",
    "holds no shipment": "tidak berisi kiriman",
    "cannot share standard input with --json -": "tidak bisa berbagi input standar dengan "
                                                 "--json -",
    "change {change}  arrives by {date}": "kembalian {change}  tiba paling lambat {date}",
    "{n} shipments on {day}": "{n} kiriman pada {day}",
    "(personal data removed after the retention period)":
        "(data pribadi dihapus setelah masa retensi)",
    "Waybill {waybill}  [{status}]": "Resi {waybill}  [{status}]",
    "Booked {when} by {clerk}; service {service}; arrives by {date}":
        "Dibooking {when} oleh {clerk}; layanan {service}; tiba paling lambat {date}",
    "Parcel: {pieces} pc, {grams} g, {dims} cm, chargeable {kg} kg; {what}":
        "Paket: {pieces} koli, {grams} g, {dims} cm, berat tertagih {kg} kg; {what}",
    "paid by {method}": "dibayar dengan {method}",
    "No customer with that phone number.": "Tidak ada pelanggan dengan nomor telepon itu.",
    "last {role} on {day}, {n}×": "terakhir sebagai {role} pada {day}, {n}×",
    # --- the guided demo
    "Outlet POS — guided demo of the core (the counter window comes later).":
        "Outlet POS — tur terpandu inti aplikasi (jendela kasir menyusul).",
    "Setting up demo outlet 1, terminal 1, with a manager and a clerk":
        "Menyiapkan outlet demo 1, terminal 1, dengan seorang manajer dan seorang kasir",
    "Re-using the demo outlet in {path}": "Memakai lagi outlet demo di {path}",
    "Quote: {kg} kg, 30x20x10 cm, insured, to {place}":
        "Tarif: {kg} kg, 30x20x10 cm, diasuransikan, ke {place}",
    "by {date}": "tiba {date}",
    "Book examples/shipment.json as clerk '{user}'":
        "Booking examples/shipment.json sebagai kasir '{user}'",
    "waybill {waybill}: {total}, change {change}, arrives by {date}":
        "resi {waybill}: {total}, kembalian {change}, tiba paling lambat {date}",
    "stored, encrypted and queued for the server in one durable transaction":
        "tersimpan, terenkripsi dan masuk antrean ke server dalam satu transaksi yang tahan "
        "gangguan",
    "Show it (personal data: the view is written to the audit log)":
        "Tampilkan (data pribadi: tampilan ini dicatat di log audit)",
    "A repeat customer is found by phone": "Pelanggan lama ditemukan lewat nomor telepon",
    "Today's list: {n} shipments, {total}": "Daftar hari ini: {n} kiriman, {total}",
    "Audit chain: {state}, {rows} rows": "Rantai audit: {state}, {rows} baris",
    "intact": "utuh",
    "BROKEN": "RUSAK",
    "The recipient's name appears {n} times in the database file and its WAL (it is "
    "encrypted)": "Nama penerima muncul {n} kali di berkas basis data dan WAL-nya "
                  "(terenkripsi)",
    "Data lives in {path}. Demo users: manajer / {manager}, kasir1 / {clerk}. Run `make run` "
    "again to book another.": "Data ada di {path}. Pengguna demo: manajer / {manager}, "
                              "kasir1 / {clerk}. Jalankan `make run` lagi untuk booking "
                              "berikutnya.",
}

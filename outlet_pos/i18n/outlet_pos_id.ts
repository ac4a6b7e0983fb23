<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en_US">
<context>
    <name>outlet_pos</name>
    <message>
        <source>No screen here, so the counter window stays closed. On a desktop: outlet-pos gui {d}</source>
        <translation>Tidak ada layar di sini, jadi jendela loket tidak dibuka. Di desktop: outlet-pos gui {d}</translation>
    </message>
    <message>
        <source>Opening the counter window (log in as kasir1 / {password})…</source>
        <translation>Membuka jendela loket (masuk sebagai kasir1 / {password})…</translation>
    </message>
    <message>
        <source>&amp;1 Sender phone</source>
        <translation>&amp;1 HP pengirim</translation>
    </message>
    <message>
        <source>&amp;2 Recipient phone</source>
        <translation>&amp;2 HP penerima</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Pelanggan</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Jalan</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Kode pos</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Kelurahan/desa</translation>
    </message>
    <message>
        <source>&amp;Weight (kg)</source>
        <translation>Bera&amp;t (kg)</translation>
    </message>
    <message>
        <source>&amp;Size (cm)</source>
        <translation>&amp;Ukuran (cm)</translation>
    </message>
    <message>
        <source>P&amp;ieces</source>
        <translation>&amp;Koli</translation>
    </message>
    <message>
        <source>&amp;Contents</source>
        <translation>&amp;Isi</translation>
    </message>
    <message>
        <source>&amp;Declared value</source>
        <translation>&amp;Nilai barang</translation>
    </message>
    <message>
        <source>Insu&amp;red</source>
        <translation>Asuran&amp;si</translation>
    </message>
    <message>
        <source>C&amp;OD</source>
        <translation>&amp;COD</translation>
    </message>
    <message>
        <source>Pac&amp;king</source>
        <translation>Ke&amp;masan</translation>
    </message>
    <message>
        <source>Pay&amp;ment</source>
        <translation>Ca&amp;ra bayar</translation>
    </message>
    <message>
        <source>&amp;Tendered</source>
        <translation>Uang &amp;diterima</translation>
    </message>
    <message>
        <source>Re&amp;ference</source>
        <translation>R&amp;eferensi</translation>
    </message>
    <message>
        <source>&amp;New shipment</source>
        <translation>Kiriman &amp;baru</translation>
    </message>
    <message>
        <source>Booking message</source>
        <translation>Pesan pemesanan</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Services and prices</source>
        <translation>Layanan dan harga</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Kembalian</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>Booked {waybill}; printing…</source>
        <translation>Tersimpan {waybill}; mencetak…</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Rincian harga</translation>
    </message>
    <message>
        <source>Arrives by</source>
        <translation>Tiba paling lambat</translation>
    </message>
    <message>
        <source>Booked {waybill}, but NOT printed: {reason}. Reprint it from Today&apos;s shipments.</source>
        <translation>Tersimpan {waybill}, tetapi TIDAK tercetak: {reason}. Cetak ulang dari Kiriman hari ini.</translation>
    </message>
    <message>
        <source>Booked and printed {waybill}</source>
        <translation>Tersimpan dan tercetak {waybill}</translation>
    </message>
    <message>
        <source>{role} {what}</source>
        <translation>{role} {what}</translation>
    </message>
    <message>
        <source>Weight in kg</source>
        <translation>Berat dalam kg</translation>
    </message>
    <message>
        <source>Dimensions in cm</source>
        <translation>Ukuran dalam cm</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Koli</translation>
    </message>
    <message>
        <source>Goods description</source>
        <translation>Isi kiriman</translation>
    </message>
    <message>
        <source>Declared value</source>
        <translation>Nilai barang</translation>
    </message>
    <message>
        <source>Insured</source>
        <translation>Asuransi</translation>
    </message>
    <message>
        <source>Cash on delivery amount</source>
        <translation>Jumlah COD</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>Packing</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Cara bayar</translation>
    </message>
    <message>
        <source>Amount tendered</source>
        <translation>Uang diterima</translation>
    </message>
    <message>
        <source>Payment reference</source>
        <translation>Referensi pembayaran</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>HP</translation>
    </message>
    <message>
        <source>known</source>
        <translation>pelanggan lama</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>street</source>
        <translation>jalan</translation>
    </message>
    <message>
        <source>postal code</source>
        <translation>kode pos</translation>
    </message>
    <message>
        <source>village</source>
        <translation>kelurahan/desa</translation>
    </message>
    <message>
        <source>Outlet POS — log in</source>
        <translation>Outlet POS — masuk</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>ID pengguna</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Log-in message</source>
        <translation>Pesan masuk</translation>
    </message>
    <message>
        <source>&amp;User id</source>
        <translation>ID &amp;pengguna</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Kata sandi</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Masuk</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Batal</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <source>Counter locked by {user}; log in to continue</source>
        <translation>Loket dikunci oleh {user}; masuk untuk lanjut</translation>
    </message>
    <message>
        <source>{outlet} — terminal {terminal}</source>
        <translation>{outlet} — terminal {terminal}</translation>
    </message>
    <message>
        <source>Type your user id</source>
        <translation>Ketik ID pengguna Anda</translation>
    </message>
    <message>
        <source>Outlet POS — {outlet}</source>
        <translation>Outlet POS — {outlet}</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Halaman</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s shipments</source>
        <translation>Kiriman &amp;hari ini</translation>
    </message>
    <message>
        <source>T&amp;rack</source>
        <translation>&amp;Lacak</translation>
    </message>
    <message>
        <source>Service &amp;points</source>
        <translation>Titik la&amp;yanan</translation>
    </message>
    <message>
        <source>User: {user}</source>
        <translation>Pengguna: {user}</translation>
    </message>
    <message>
        <source>Outlet {n}/{t}</source>
        <translation>Outlet {n}/{t}</translation>
    </message>
    <message>
        <source>Printer: {p}</source>
        <translation>Printer: {p}</translation>
    </message>
    <message>
        <source>No printer set up</source>
        <translation>Printer belum diatur</translation>
    </message>
    <message>
        <source>Search service points</source>
        <translation>Cari titik layanan</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>Service points</source>
        <translation>Titik layanan</translation>
    </message>
    <message>
        <source>Service points message</source>
        <translation>Pesan titik layanan</translation>
    </message>
    <message>
        <source>{n} of {total} service points</source>
        <translation>{n} dari {total} titik layanan</translation>
    </message>
    <message>
        <source>No service points yet: they come with the first sync</source>
        <translation>Belum ada titik layanan: datang bersama sinkronisasi pertama</translation>
    </message>
    <message>
        <source>waybill or phone number</source>
        <translation>nomor resi atau telepon</translation>
    </message>
    <message>
        <source>Search shipments</source>
        <translation>Cari kiriman</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>Today&apos;s shipments</source>
        <translation>Kiriman hari ini</translation>
    </message>
    <message>
        <source>&amp;Reprint</source>
        <translation>Cetak &amp;ulang</translation>
    </message>
    <message>
        <source>Reprint the selected waybill</source>
        <translation>Cetak ulang resi yang dipilih</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <source>Number of shipments shown</source>
        <translation>Jumlah kiriman yang tampil</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>{n} shipments</source>
        <translation>{n} kiriman</translation>
    </message>
    <message>
        <source>Printing {waybill}…</source>
        <translation>Mencetak {waybill}…</translation>
    </message>
    <message>
        <source>Select a shipment first</source>
        <translation>Pilih kiriman dulu</translation>
    </message>
    <message>
        <source>NOT printed: {reason}. {remedy}</source>
        <translation>TIDAK tercetak: {reason}. {remedy}</translation>
    </message>
    <message>
        <source>Printed again, marked REPRINT {n}</source>
        <translation>Dicetak lagi, bertanda CETAK ULANG {n}</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Tercetak</translation>
    </message>
    <message>
        <source>print failed</source>
        <translation>gagal cetak</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>tercetak</translation>
    </message>
    <message>
        <source>{kg} kg</source>
        <translation>{kg} kg</translation>
    </message>
    <message>
        <source>Waybill to track</source>
        <translation>Resi yang dilacak</translation>
    </message>
    <message>
        <source>&amp;Waybill</source>
        <translation>&amp;Resi</translation>
    </message>
    <message>
        <source>&amp;Track</source>
        <translation>&amp;Lacak</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Lacak</translation>
    </message>
    <message>
        <source>Tracking history</source>
        <translation>Riwayat pelacakan</translation>
    </message>
    <message>
        <source>Tracking message</source>
        <translation>Pesan pelacakan</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Menanyakan server…</translation>
    </message>
    <message>
        <source>Offline: the last known history of {waybill}, from {when}</source>
        <translation>Luring: riwayat terakhir {waybill}, dari {when}</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} menunggu</translation>
    </message>
    <message>
        <source>all sent</source>
        <translation>semua tersinkron ke pusat</translation>
    </message>
    <message>
        <source>Online · {waiting}</source>
        <translation>Daring · {waiting}</translation>
    </message>
    <message>
        <source>Not connected to the central server (not enrolled)</source>
        <translation>Tidak terhubung ke server pusat (belum terdaftar)</translation>
    </message>
    <message>
        <source>oldest {age}</source>
        <translation>tertua {age}</translation>
    </message>
    <message>
        <source>Not sent for a long time: {waiting}. Check the network.</source>
        <translation>Lama belum tersinkron ke pusat: {waiting}. Periksa jaringan.</translation>
    </message>
    <message>
        <source>Offline — saved here, sent when the network is back ({waiting})</source>
        <translation>Luring — tersimpan di sini, disinkronkan ke pusat saat jaringan kembali ({waiting})</translation>
    </message>
    <message>
        <source>Sync state</source>
        <translation>Status sinkronisasi</translation>
    </message>
    <message>
        <source>Sending backlog</source>
        <translation>Mengirim antrean</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>Resi</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Jam</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Berat</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pembayaran</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Kota</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Jam buka</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <source>closing {n} of {day}: {count} shipments ({void} void), revenue {revenue}</source>
        <translation>penutupan ke-{n} tanggal {day}: {count} kiriman ({void} batal), pendapatan {revenue}</translation>
    </message>
    <message>
        <source>cash expected {expected}, counted {counted}, difference {diff}</source>
        <translation>kas seharusnya {expected}, dihitung {counted}, selisih {diff}</translation>
    </message>
    <message>
        <source>queued for the central server</source>
        <translation>masuk antrean ke server pusat</translation>
    </message>
    <message>
        <source>the enrollment code is not valid; check it or ask for a new one</source>
        <translation>kode pendaftaran tidak sah; periksa atau minta kode baru</translation>
    </message>
    <message>
        <source>the enrollment code was already used; ask for a new one</source>
        <translation>kode pendaftaran sudah dipakai; minta kode baru</translation>
    </message>
    <message>
        <source>the enrollment code has expired; ask for a new one</source>
        <translation>kode pendaftaran sudah kedaluwarsa; minta kode baru</translation>
    </message>
    <message>
        <source>local central server: {url}</source>
        <translation>server pusat lokal: {url}</translation>
    </message>
    <message>
        <source>Sync with the central server (here a local one on this PC)</source>
        <translation>Sinkronisasi dengan server pusat (di sini server lokal di PC ini)</translation>
    </message>
    <message>
        <source>not sent: {error}</source>
        <translation>belum tersinkron ke pusat: {error}</translation>
    </message>
    <message>
        <source>sent {n} events; nothing waits ({left} left)</source>
        <translation>{n} kejadian tersinkron ke pusat; tidak ada yang menunggu ({left} tersisa)</translation>
    </message>
    <message>
        <source>Tracking of {waybill} from the server</source>
        <translation>Pelacakan {waybill} dari server</translation>
    </message>
    <message>
        <source>must be whole rupiah, 0 or more</source>
        <translation>harus rupiah bulat, 0 atau lebih</translation>
    </message>
    <message>
        <source>{day} is already closed on this terminal</source>
        <translation>{day} sudah ditutup di terminal ini</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} hari</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} menit</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} jam</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>jam</translation>
    </message>
    <message>
        <source>not enrolled</source>
        <translation>belum terdaftar</translation>
    </message>
    <message>
        <source>Sync: {state}</source>
        <translation>Sinkronisasi: {state}</translation>
    </message>
    <message>
        <source>  waiting to be sent: {n}</source>
        <translation>  menunggu sinkron ke pusat: {n}</translation>
    </message>
    <message>
        <source>  oldest unsent: {age}</source>
        <translation>  tertua belum tersinkron: {age}</translation>
    </message>
    <message>
        <source>  parked (refused by the server): {n}</source>
        <translation>  ditahan (ditolak server): {n}</translation>
    </message>
    <message>
        <source>  last success: {when}</source>
        <translation>  terakhir berhasil: {when}</translation>
    </message>
    <message>
        <source>enrolled: outlet {outlet} terminal {terminal} is device {device}</source>
        <translation>terdaftar: outlet {outlet} terminal {terminal} adalah perangkat {device}</translation>
    </message>
    <message>
        <source>online</source>
        <translation>daring</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>luring</translation>
    </message>
    <message>
        <source>not tried yet</source>
        <translation>belum dicoba</translation>
    </message>
    <message>
        <source>  last error: {error} ({when})</source>
        <translation>  galat terakhir: {error} ({when})</translation>
    </message>
    <message>
        <source>  this PC&apos;s clock is {n} s off the server&apos;s; correct it</source>
        <translation>  jam PC ini selisih {n} detik dari server; betulkan</translation>
    </message>
    <message>
        <source>WARNING: shipments have waited more than {h} h to be sent; check the network or call support</source>
        <translation>PERINGATAN: ada kiriman yang lebih dari {h} jam belum tersinkron ke pusat; periksa jaringan atau hubungi dukungan</translation>
    </message>
    <message>
        <source>syncing every {n} s; Ctrl+C stops</source>
        <translation>sinkronisasi tiap {n} detik; Ctrl+C untuk berhenti</translation>
    </message>
    <message>
        <source>tariff {version} in force ({state})</source>
        <translation>tarif {version} berlaku ({state})</translation>
    </message>
    <message>
        <source>sent {n} ({dup} already there), parked {parked}; tariff {tariff}</source>
        <translation>tersinkron ke pusat {n} ({dup} sudah ada), ditahan {parked}; tarif {tariff}</translation>
    </message>
    <message>
        <source>offline: the last known history, fetched {when}</source>
        <translation>luring: riwayat terakhir yang diketahui, diambil {when}</translation>
    </message>
    <message>
        <source>no tracking events yet for {waybill}</source>
        <translation>belum ada riwayat pelacakan untuk {waybill}</translation>
    </message>
    <message>
        <source>sent {n}; {left} still waiting</source>
        <translation>tersinkron ke pusat {n}; {left} masih menunggu</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>diperbarui</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>tidak berubah</translation>
    </message>
    <message>
        <source>enroll needs --server URL --code CODE, or --provisioning-file FILE</source>
        <translation>enroll memerlukan --server URL --code KODE, atau --provisioning-file BERKAS</translation>
    </message>
    <message>
        <source>this terminal is not enrolled; run outlet-pos enroll</source>
        <translation>terminal ini belum terdaftar; jalankan outlet-pos enroll</translation>
    </message>
    <message>
        <source>this terminal was revoked at the server; enroll it again</source>
        <translation>terminal ini dicabut di server; daftarkan lagi</translation>
    </message>
    <message>
        <source>this PC&apos;s clock is too far off the server&apos;s; set the date and time</source>
        <translation>jam PC ini terlalu jauh dari jam server; atur tanggal dan waktunya</translation>
    </message>
    <message>
        <source>server must be an address like https://pusat.example.co.id</source>
        <translation>server harus berupa alamat seperti https://pusat.example.co.id</translation>
    </message>
    <message>
        <source>plain http is allowed only to this computer (127.0.0.1); use https</source>
        <translation>http biasa hanya boleh ke komputer ini (127.0.0.1); gunakan https</translation>
    </message>
    <message>
        <source>the server answered {status}; will retry</source>
        <translation>server menjawab {status}; akan dicoba lagi</translation>
    </message>
    <message>
        <source>the server has no sync API at this address; check the server address</source>
        <translation>tidak ada API sinkronisasi di alamat ini; periksa alamat server</translation>
    </message>
    <message>
        <source>the server&apos;s answer does not cover the batch</source>
        <translation>jawaban server tidak mencakup seluruh kiriman</translation>
    </message>
    <message>
        <source>the server refused this terminal&apos;s credential; enroll it again</source>
        <translation>server menolak kredensial terminal ini; daftarkan lagi</translation>
    </message>
    <message>
        <source>the server&apos;s answer was cut off; will retry</source>
        <translation>jawaban server terpotong; akan dicoba lagi</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted ({why}); check the CA bundle</source>
        <translation>sertifikat server tidak dipercaya ({why}); periksa berkas CA</translation>
    </message>
    <message>
        <source>no connection to the server ({error})</source>
        <translation>tidak ada koneksi ke server ({error})</translation>
    </message>
    <message>
        <source>{file} holds a damaged device key</source>
        <translation>{file} berisi kunci perangkat yang rusak</translation>
    </message>
    <message>
        <source>{file} is not an outlet-pos provisioning file ({error})</source>
        <translation>{file} bukan berkas provisioning outlet-pos ({error})</translation>
    </message>
    <message>
        <source>the tariff download failed its signature check; the current tariff stays in use</source>
        <translation>unduhan tarif gagal pemeriksaan tanda tangan; tarif sekarang tetap dipakai</translation>
    </message>
    <message>
        <source>cannot create the output directory: {path}</source>
        <translation>direktori keluaran tidak dapat dibuat: {path}</translation>
    </message>
    <message>
        <source>port {port} is in use; choose another with --port</source>
        <translation>port {port} sedang dipakai; pilih port lain dengan --port</translation>
    </message>
    <message>
        <source>Virtual printer listening on {host}:{port}, writing jobs to {path}</source>
        <translation>Printer virtual mendengarkan di {host}:{port}, menulis hasil cetak ke {path}</translation>
    </message>
    <message>
        <source>job {n}: {size} bytes → {path}</source>
        <translation>cetakan {n}: {size} byte → {path}</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>berhenti</translation>
    </message>
    <message>
        <source>must be label, a6 or a4</source>
        <translation>harus label, a6 atau a4</translation>
    </message>
    <message>
        <source>Print the label and the receipt on the virtual thermal printer</source>
        <translation>Cetak label dan tanda terima di printer thermal virtual</translation>
    </message>
    <message>
        <source>{copy}: printed</source>
        <translation>{copy}: tercetak</translation>
    </message>
    <message>
        <source>{copy}: NOT printed ({reason})</source>
        <translation>{copy}: TIDAK tercetak ({reason})</translation>
    </message>
    <message>
        <source>the paper as the printer printed it: {path}</source>
        <translation>kertas seperti yang dicetak printer: {path}</translation>
    </message>
    <message>
        <source>and as a 100x150 mm PDF label: {path}</source>
        <translation>dan sebagai label PDF 100x150 mm: {path}</translation>
    </message>
    <message>
        <source>Printer profiles (--profile NAME):</source>
        <translation>Profil printer (--profile NAMA):</translation>
    </message>
    <message>
        <source>What to do: {remedy}</source>
        <translation>Yang harus dilakukan: {remedy}</translation>
    </message>
    <message>
        <source>This counter prints to {connection} as {profile}. Try it: outlet-pos printer test</source>
        <translation>Loket ini mencetak ke {connection} sebagai {profile}. Coba: outlet-pos printer test</translation>
    </message>
    <message>
        <source>raster only</source>
        <translation>hanya raster</translation>
    </message>
    <message>
        <source>USB printers attached:</source>
        <translation>Printer USB yang terpasang:</translation>
    </message>
    <message>
        <source>no profile known; try generic-58 or generic-80</source>
        <translation>belum ada profilnya; coba generic-58 atau generic-80</translation>
    </message>
    <message>
        <source>OK: the test page went to {connection} ({profile}). Check on paper that the barcode and the QR scan and the code-page line shows its accents; if the barcode prints as text, choose a &apos;-raster&apos; profile.</source>
        <translation>OK: halaman uji dikirim ke {connection} ({profile}). Periksa di kertas bahwa barcode dan QR terbaca pemindai dan baris kode halaman menampilkan aksennya; jika barcode tercetak sebagai teks, pilih profil &apos;-raster&apos;.</translation>
    </message>
    <message>
        <source>NOT printed: {copy} of {waybill} (job {id})</source>
        <translation>TIDAK tercetak: {copy} untuk {waybill} (tugas {id})</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>{path} sudah ditulis</translation>
    </message>
    <message>
        <source>no print jobs</source>
        <translation>tidak ada tugas cetak</translation>
    </message>
    <message>
        <source>The shipment is saved. Retry with: outlet-pos printer retry {id}</source>
        <translation>Pengiriman sudah tersimpan. Coba cetak lagi dengan: outlet-pos printer retry {id}</translation>
    </message>
    <message>
        <source>FAILED: the test page was not printed.</source>
        <translation>GAGAL: halaman uji tidak tercetak.</translation>
    </message>
    <message>
        <source>printed {copy} of {waybill} (job {id}) {tag}</source>
        <translation>{copy} untuk {waybill} tercetak (tugas {id}) {tag}</translation>
    </message>
    <message>
        <source>USB detection needs pyusb</source>
        <translation>deteksi USB memerlukan pyusb</translation>
    </message>
    <message>
        <source>USB detection needs libusb (Linux: apt install libusb-1.0-0)</source>
        <translation>deteksi USB memerlukan libusb (Linux: apt install libusb-1.0-0)</translation>
    </message>
    <message>
        <source>must look like usb:VID:PID, net:HOST:PORT, serial:DEV, win:NAME, cups:NAME or file:PATH</source>
        <translation>harus berbentuk usb:VID:PID, net:HOST:PORT, serial:DEV, win:NAMA, cups:NAMA atau file:PATH</translation>
    </message>
    <message>
        <source>usb needs vendor and product id in hex, e.g. usb:0416:5011</source>
        <translation>usb perlu vendor id dan product id dalam heksadesimal, mis. usb:0416:5011</translation>
    </message>
    <message>
        <source>net needs a host and a port, e.g. net:192.168.1.50:9100</source>
        <translation>net perlu host dan port, mis. net:192.168.1.50:9100</translation>
    </message>
    <message>
        <source>serial speed must be a number, e.g. serial:/dev/ttyUSB0@9600</source>
        <translation>kecepatan serial harus angka, mis. serial:/dev/ttyUSB0@9600</translation>
    </message>
    <message>
        <source>this user may not use the USB printer: install the udev rule from printers/README.md (or the .deb package) and unplug and replug the printer</source>
        <translation>pengguna ini tidak boleh memakai printer USB: pasang aturan udev dari printers/README.md (atau paket .deb), lalu cabut dan colok lagi printernya</translation>
    </message>
    <message>
        <source>Windows has no access to the printer over USB: use its Windows printer (win:NAME) or install the WinUSB driver with Zadig</source>
        <translation>Windows tidak bisa mengakses printer lewat USB: pakai printer Windows-nya (win:NAMA) atau pasang driver WinUSB dengan Zadig</translation>
    </message>
    <message>
        <source>no printer is set up for this counter</source>
        <translation>belum ada printer yang diatur untuk loket ini</translation>
    </message>
    <message>
        <source>ask the manager or technician to choose one: outlet-pos printer use …</source>
        <translation>minta manajer atau teknisi memilihnya: outlet-pos printer use …</translation>
    </message>
    <message>
        <source>the printer cannot be reached</source>
        <translation>printer tidak dapat dihubungi</translation>
    </message>
    <message>
        <source>check that the printer is switched on and its cable (USB or network) is plugged in, then retry</source>
        <translation>pastikan printer menyala dan kabelnya (USB atau jaringan) terpasang, lalu coba lagi</translation>
    </message>
    <message>
        <source>the printer is out of paper</source>
        <translation>kertas printer habis</translation>
    </message>
    <message>
        <source>put in a new paper roll, close the cover, then retry</source>
        <translation>pasang gulungan kertas baru, tutup penutupnya, lalu coba lagi</translation>
    </message>
    <message>
        <source>the printer cover is open</source>
        <translation>penutup printer terbuka</translation>
    </message>
    <message>
        <source>close the printer cover until it clicks, then retry</source>
        <translation>tutup penutup printer sampai berbunyi klik, lalu coba lagi</translation>
    </message>
    <message>
        <source>the printer reports an error</source>
        <translation>printer melaporkan kesalahan</translation>
    </message>
    <message>
        <source>switch the printer off and on again; if the error light stays on, call the technician</source>
        <translation>matikan lalu nyalakan lagi printer; jika lampu error tetap menyala, hubungi teknisi</translation>
    </message>
    <message>
        <source>the printer does not answer</source>
        <translation>printer tidak menjawab</translation>
    </message>
    <message>
        <source>switch the printer off and on again, wait ten seconds, then retry</source>
        <translation>matikan lalu nyalakan lagi printer, tunggu sepuluh detik, lalu coba lagi</translation>
    </message>
    <message>
        <source>the connection to the printer broke during printing</source>
        <translation>sambungan ke printer terputus saat mencetak</translation>
    </message>
    <message>
        <source>check the cable and retry; throw away the half-printed waybill</source>
        <translation>periksa kabel lalu coba lagi; buang resi yang tercetak setengah</translation>
    </message>
    <message>
        <source>the printer does not support what was sent</source>
        <translation>printer tidak mendukung perintah yang dikirim</translation>
    </message>
    <message>
        <source>choose the printer&apos;s model or a &apos;-raster&apos; profile: outlet-pos printer list</source>
        <translation>pilih model printer ini atau profil &apos;-raster&apos;: outlet-pos printer list</translation>
    </message>
    <message>
        <source>the printer is plugged in, but this computer may not use it</source>
        <translation>printer sudah tercolok, tetapi komputer ini tidak diizinkan memakainya</translation>
    </message>
    <message>
        <source>unknown printer profile {name}; choose one of: {names}</source>
        <translation>profil printer {name} tidak dikenal; pilih salah satu: {names}</translation>
    </message>
    <message>
        <source>must be label, receipt or outlet</source>
        <translation>harus label, receipt atau outlet</translation>
    </message>
    <message>
        <source>print job {id} does not exist</source>
        <translation>tugas cetak {id} tidak ada</translation>
    </message>
    <message>
        <source>grams</source>
        <translation>gram</translation>
    </message>
    <message>
        <source>cm</source>
        <translation>cm</translation>
    </message>
    <message>
        <source>pieces</source>
        <translation>koli</translation>
    </message>
    <message>
        <source>days</source>
        <translation>hari</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>aktif</translation>
    </message>
    <message>
        <source>void</source>
        <translation>batal</translation>
    </message>
    <message>
        <source>sender</source>
        <translation>pengirim</translation>
    </message>
    <message>
        <source>recipient</source>
        <translation>penerima</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>tersinkron ke pusat</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>antre</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Pengirim</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>wajib diisi</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>harus berupa teks</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>harus true atau false</translation>
    </message>
    <message>
        <source>must be one of: {choices}</source>
        <translation>harus salah satu dari: {choices}</translation>
    </message>
    <message>
        <source>must be a whole number of {unit}</source>
        <translation>harus bilangan bulat dalam {unit}</translation>
    </message>
    <message>
        <source>must be between {lo} and {hi} {unit}</source>
        <translation>harus antara {lo} dan {hi} {unit}</translation>
    </message>
    <message>
        <source>is too long: at most {n} characters</source>
        <translation>terlalu panjang: paling banyak {n} karakter</translation>
    </message>
    <message>
        <source>contains a control or unknown character; retype it</source>
        <translation>berisi karakter kontrol atau tidak dikenal; ketik ulang</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>tidak boleh negatif</translation>
    </message>
    <message>
        <source>must be more than zero</source>
        <translation>harus lebih dari nol</translation>
    </message>
    <message>
        <source>must be at most {amount}</source>
        <translation>paling banyak {amount}</translation>
    </message>
    <message>
        <source>must be a whole number of rupiah (no decimals), e.g. 500000</source>
        <translation>harus rupiah bulat (tanpa desimal), mis. 500000</translation>
    </message>
    <message>
        <source>is required for insurance: enter the goods&apos; value</source>
        <translation>wajib untuk asuransi: isi nilai barang</translation>
    </message>
    <message>
        <source>is required, e.g. 0812 3456 7890</source>
        <translation>wajib diisi, mis. 0812 3456 7890</translation>
    </message>
    <message>
        <source>may hold only digits, spaces, +, -, ( and )</source>
        <translation>hanya boleh angka, spasi, +, -, ( dan )</translation>
    </message>
    <message>
        <source>is not a phone number; type it as 0812 3456 7890</source>
        <translation>bukan nomor telepon; ketik seperti 0812 3456 7890</translation>
    </message>
    <message>
        <source>is not a valid phone number; check the digits (e.g. 0812 3456 7890)</source>
        <translation>bukan nomor telepon yang valid; periksa angkanya (mis. 0812 3456 7890)</translation>
    </message>
    <message>
        <source>is not an e-mail address, e.g. nama@contoh.co.id</source>
        <translation>bukan alamat e-mail, mis. nama@contoh.co.id</translation>
    </message>
    <message>
        <source>must be 5 digits, e.g. 40115</source>
        <translation>harus 5 angka, mis. 40115</translation>
    </message>
    <message>
        <source>is not a known Indonesian postal code; check it</source>
        <translation>bukan kode pos Indonesia yang dikenal; periksa lagi</translation>
    </message>
    <message>
        <source>several villages use postal code {pc}; give one of {names}</source>
        <translation>beberapa kelurahan/desa memakai kode pos {pc}; pilih salah satu: {names}</translation>
    </message>
    <message>
        <source>does not match postal code {pc}; expected {expected}</source>
        <translation>tidak cocok dengan kode pos {pc}; seharusnya {expected}</translation>
    </message>
    <message>
        <source>covers several districts ({names}); give the district code</source>
        <translation>mencakup beberapa kecamatan ({names}); isi kode kecamatan</translation>
    </message>
    <message>
        <source>must be a number of kilograms, e.g. 1.31</source>
        <translation>harus angka dalam kilogram, mis. 1,31</translation>
    </message>
    <message>
        <source>has more precision than a gram; round it</source>
        <translation>lebih teliti dari satu gram; bulatkan</translation>
    </message>
    <message>
        <source>must be more than 0 kg</source>
        <translation>harus lebih dari 0 kg</translation>
    </message>
    <message>
        <source>is far too heavy; check the scale</source>
        <translation>terlalu berat; periksa timbangan</translation>
    </message>
    <message>
        <source>must be length x width x height in cm, e.g. 30x20x10</source>
        <translation>harus panjang x lebar x tinggi dalam cm, mis. 30x20x10</translation>
    </message>
    <message>
        <source>is missing; see examples/shipment.json</source>
        <translation>tidak ada; lihat examples/shipment.json</translation>
    </message>
    <message>
        <source>must be a JSON object; see examples/shipment.json</source>
        <translation>harus objek JSON; lihat examples/shipment.json</translation>
    </message>
    <message>
        <source>is required, e.g. REG</source>
        <translation>wajib diisi, mis. REG</translation>
    </message>
    <message>
        <source>has no tariff from this outlet; check the postal code or ask for a tariff update</source>
        <translation>tidak ada tarif dari outlet ini; periksa kode pos atau minta pembaruan tarif</translation>
    </message>
    <message>
        <source>is not available to this destination; available: {available}</source>
        <translation>tidak tersedia ke tujuan ini; yang tersedia: {available}</translation>
    </message>
    <message>
        <source>must be {n} digits</source>
        <translation>harus {n} angka</translation>
    </message>
    <message>
        <source>has a typing error (check digit does not match); retype it</source>
        <translation>salah ketik (digit pemeriksa tidak cocok); ketik ulang</translation>
    </message>
    <message>
        <source>is not a waybill number of this courier</source>
        <translation>bukan nomor resi kurir ini</translation>
    </message>
    <message>
        <source>is less than the total {amount}</source>
        <translation>kurang dari total {amount}</translation>
    </message>
    <message>
        <source>must be YYYY-MM-DD, e.g. 2026-11-25</source>
        <translation>harus TTTT-BB-HH, mis. 2026-11-25</translation>
    </message>
    <message>
        <source>explain the void in a few words</source>
        <translation>jelaskan alasan pembatalan dengan beberapa kata</translation>
    </message>
    <message>
        <source>is already void</source>
        <translation>sudah dibatalkan</translation>
    </message>
    <message>
        <source>wrong user id or password</source>
        <translation>ID pengguna atau kata sandi salah</translation>
    </message>
    <message>
        <source>too many wrong passwords: this user is locked until {until} UTC; wait, or ask a manager</source>
        <translation>terlalu banyak kata sandi salah: pengguna ini dikunci sampai {until} UTC; tunggu, atau minta bantuan manajer</translation>
    </message>
    <message>
        <source>must be 3-32 characters: lower-case letters, digits, . _ -</source>
        <translation>harus 3-32 karakter: huruf kecil, angka, . _ -</translation>
    </message>
    <message>
        <source>must be at least {n} characters</source>
        <translation>paling sedikit {n} karakter</translation>
    </message>
    <message>
        <source>must be at most {n} characters</source>
        <translation>paling banyak {n} karakter</translation>
    </message>
    <message>
        <source>must be clerk, manager or technician</source>
        <translation>harus clerk, manager atau technician</translation>
    </message>
    <message>
        <source>log in as a manager to add users</source>
        <translation>masuk sebagai manajer untuk menambah pengguna</translation>
    </message>
    <message>
        <source>already exists; choose another user id</source>
        <translation>sudah ada; pilih ID pengguna lain</translation>
    </message>
    <message>
        <source>the {role} role may not {action}; ask a user with the right role</source>
        <translation>peran {role} tidak boleh melakukan &apos;{action}&apos;; minta pengguna dengan peran yang sesuai</translation>
    </message>
    <message>
        <source>the two entries differ; type it again</source>
        <translation>kedua isian berbeda; ketik lagi</translation>
    </message>
    <message>
        <source>Password for {user}: </source>
        <translation>Kata sandi {user}: </translation>
    </message>
    <message>
        <source>New password for manager {user}: </source>
        <translation>Kata sandi baru untuk manajer {user}: </translation>
    </message>
    <message>
        <source>New password for {user}: </source>
        <translation>Kata sandi baru untuk {user}: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Ulangi kata sandi: </translation>
    </message>
    <message>
        <source>needs a terminal to prompt; or use --password-stdin</source>
        <translation>butuh terminal untuk bertanya; atau pakai --password-stdin</translation>
    </message>
    <message>
        <source>is required for this command: --user NAME</source>
        <translation>wajib untuk perintah ini: --user NAMA</translation>
    </message>
    <message>
        <source>expected on standard input, but input ended</source>
        <translation>diharapkan dari input standar, tetapi input sudah habis</translation>
    </message>
    <message>
        <source>waybill {number} is not in this outlet&apos;s database</source>
        <translation>resi {number} tidak ada di basis data outlet ini</translation>
    </message>
    <message>
        <source>row {row} is missing</source>
        <translation>baris {row} hilang</translation>
    </message>
    <message>
        <source>does not link to the row before it</source>
        <translation>tidak tersambung ke baris sebelumnya</translation>
    </message>
    <message>
        <source>its content was altered</source>
        <translation>isinya diubah</translation>
    </message>
    <message>
        <source>the master key does not open this database&apos;s keys (wrong key or damaged key table)</source>
        <translation>kunci utama tidak dapat membuka kunci basis data ini (kunci salah atau tabel kunci rusak)</translation>
    </message>
    <message>
        <source>{where} of one row failed its integrity check (altered, moved between rows, or the wrong key)</source>
        <translation>{where} pada satu baris gagal uji integritas (diubah, dipindah antarbaris, atau kunci salah)</translation>
    </message>
    <message>
        <source>{path} already holds an outlet database; nothing was changed</source>
        <translation>{path} sudah berisi basis data outlet; tidak ada yang diubah</translation>
    </message>
    <message>
        <source>{path} is missing although {other} is there; restore the database from backup</source>
        <translation>{path} tidak ada padahal {other} ada; pulihkan basis data dari cadangan</translation>
    </message>
    <message>
        <source>no outlet database in {path}; run: outlet-pos init --outlet-number N --terminal T --manager NAME</source>
        <translation>belum ada basis data outlet di {path}; jalankan: outlet-pos init --outlet-number N --terminal T --manager NAMA</translation>
    </message>
    <message>
        <source>{path} is damaged; restore it from backup</source>
        <translation>{path} rusak; pulihkan dari cadangan</translation>
    </message>
    <message>
        <source>this database has no key record; it was not set up with init</source>
        <translation>basis data ini tidak punya catatan kunci; tidak dibuat dengan init</translation>
    </message>
    <message>
        <source>the master key ({key}) is not in {store}; restore the keys from the outlet&apos;s backup. Nothing was changed.</source>
        <translation>kunci utama ({key}) tidak ada di {store}; pulihkan kunci dari cadangan outlet. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>the index or audit key is missing from the key table</source>
        <translation>kunci indeks atau kunci audit tidak ada di tabel kunci</translation>
    </message>
    <message>
        <source>the key file {path} is readable by other users; run: chmod 600 {path}</source>
        <translation>berkas kunci {path} dapat dibaca pengguna lain; jalankan: chmod 600 {path}</translation>
    </message>
    <message>
        <source>cannot read the key file {path}: {error}</source>
        <translation>tidak dapat membaca berkas kunci {path}: {error}</translation>
    </message>
    <message>
        <source>the key file {path} is damaged; restore it from backup</source>
        <translation>berkas kunci {path} rusak; pulihkan dari cadangan</translation>
    </message>
    <message>
        <source>the system key store did not answer: {error}</source>
        <translation>penyimpanan kunci sistem tidak menjawab: {error}</translation>
    </message>
    <message>
        <source>cannot save to the system key store: {error}</source>
        <translation>tidak dapat menyimpan ke penyimpanan kunci sistem: {error}</translation>
    </message>
    <message>
        <source>the database has schema {current}, made by a newer Outlet POS; install the newer version instead of this one</source>
        <translation>basis data memakai skema {current} dari Outlet POS yang lebih baru; pasang versi yang lebih baru itu</translation>
    </message>
    <message>
        <source>integrity check failed: {reason}. Nothing was changed; run &apos;outlet-pos audit verify&apos; and call support.</source>
        <translation>uji integritas gagal: {reason}. Tidak ada yang diubah; jalankan &apos;outlet-pos audit verify&apos; dan hubungi dukungan.</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>dihentikan</translation>
    </message>
    <message>
        <source>unexpected error ({error}); details are in the log</source>
        <translation>kesalahan tak terduga ({error}); rinciannya ada di log</translation>
    </message>
    <message>
        <source>Outlet {outlet} terminal {terminal} is ready in {path}</source>
        <translation>Outlet {outlet} terminal {terminal} siap di {path}</translation>
    </message>
    <message>
        <source>Manager &apos;{user}&apos; created. Master key kept in {store}.</source>
        <translation>Manajer &apos;{user}&apos; dibuat. Kunci utama disimpan di {store}.</translation>
    </message>
    <message>
        <source>User &apos;{user}&apos; added with role {role}.</source>
        <translation>Pengguna &apos;{user}&apos; ditambahkan dengan peran {role}.</translation>
    </message>
    <message>
        <source>New master key {key} is in use; every data key was re-wrapped and a new data key started for this month.</source>
        <translation>Kunci utama baru {key} dipakai; semua kunci data dibungkus ulang dan kunci data baru dimulai untuk bulan ini.</translation>
    </message>
    <message>
        <source>Audit log intact: {rows} rows, head {head}…</source>
        <translation>Log audit utuh: {rows} baris, kepala {head}…</translation>
    </message>
    <message>
        <source>Audit log BROKEN at row {row}: {reason}. Keep this database as evidence and call support.</source>
        <translation>Log audit RUSAK di baris {row}: {reason}. Simpan basis data ini sebagai bukti dan hubungi dukungan.</translation>
    </message>
    <message>
        <source>Personal data older than {days} days: {shredded} shipments shredded, {held} kept until they reach the server, {keys} period keys destroyed, {events} sent events cleared.</source>
        <translation>Data pribadi lebih dari {days} hari: {shredded} kiriman dihapus, {held} disimpan sampai tersinkron ke server pusat, {keys} kunci periode dimusnahkan, {events} event yang sudah tersinkron dibersihkan.</translation>
    </message>
    <message>
        <source>To {place} ({code})</source>
        <translation>Ke {place} ({code})</translation>
    </message>
    <message>
        <source>(arrives by {date}, {lo}-{hi} working days)</source>
        <translation>(tiba paling lambat {date}, {lo}-{hi} hari kerja)</translation>
    </message>
    <message>
        <source>chargeable {kg} kg (actual {actual} g, volumetric {vol} g)</source>
        <translation>berat tertagih {kg} kg (aktual {actual} g, volumetrik {vol} g)</translation>
    </message>
    <message>
        <source>file not found: {path}</source>
        <translation>berkas tidak ditemukan: {path}</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text</source>
        <translation>berkas bukan teks UTF-8</translation>
    </message>
    <message>
        <source>is not valid JSON (line {line}, column {col})</source>
        <translation>bukan JSON yang valid (baris {line}, kolom {col})</translation>
    </message>
    <message>
        <source>holds no shipment</source>
        <translation>tidak berisi kiriman</translation>
    </message>
    <message>
        <source>cannot share standard input with --json -</source>
        <translation>tidak bisa berbagi input standar dengan --json -</translation>
    </message>
    <message>
        <source>change {change}  arrives by {date}</source>
        <translation>kembalian {change}  tiba paling lambat {date}</translation>
    </message>
    <message>
        <source>{n} shipments on {day}</source>
        <translation>{n} kiriman pada {day}</translation>
    </message>
    <message>
        <source>(personal data removed after the retention period)</source>
        <translation>(data pribadi dihapus setelah masa retensi)</translation>
    </message>
    <message>
        <source>Waybill {waybill}  [{status}]</source>
        <translation>Resi {waybill}  [{status}]</translation>
    </message>
    <message>
        <source>Booked {when} by {clerk}; service {service}; arrives by {date}</source>
        <translation>Dibooking {when} oleh {clerk}; layanan {service}; tiba paling lambat {date}</translation>
    </message>
    <message>
        <source>Parcel: {pieces} pc, {grams} g, {dims} cm, chargeable {kg} kg; {what}</source>
        <translation>Paket: {pieces} koli, {grams} g, {dims} cm, berat tertagih {kg} kg; {what}</translation>
    </message>
    <message>
        <source>paid by {method}</source>
        <translation>dibayar dengan {method}</translation>
    </message>
    <message>
        <source>No customer with that phone number.</source>
        <translation>Tidak ada pelanggan dengan nomor telepon itu.</translation>
    </message>
    <message>
        <source>last {role} on {day}, {n}×</source>
        <translation>terakhir sebagai {role} pada {day}, {n}×</translation>
    </message>
    <message>
        <source>Outlet POS — guided demo of the core (the counter window comes later).</source>
        <translation>Outlet POS — tur terpandu inti aplikasi (jendela kasir menyusul).</translation>
    </message>
    <message>
        <source>Setting up demo outlet 1, terminal 1, with a manager and a clerk</source>
        <translation>Menyiapkan outlet demo 1, terminal 1, dengan seorang manajer dan seorang kasir</translation>
    </message>
    <message>
        <source>Re-using the demo outlet in {path}</source>
        <translation>Memakai lagi outlet demo di {path}</translation>
    </message>
    <message>
        <source>Quote: {kg} kg, 30x20x10 cm, insured, to {place}</source>
        <translation>Tarif: {kg} kg, 30x20x10 cm, diasuransikan, ke {place}</translation>
    </message>
    <message>
        <source>by {date}</source>
        <translation>tiba {date}</translation>
    </message>
    <message>
        <source>Book examples/shipment.json as clerk &apos;{user}&apos;</source>
        <translation>Booking examples/shipment.json sebagai kasir &apos;{user}&apos;</translation>
    </message>
    <message>
        <source>waybill {waybill}: {total}, change {change}, arrives by {date}</source>
        <translation>resi {waybill}: {total}, kembalian {change}, tiba paling lambat {date}</translation>
    </message>
    <message>
        <source>stored, encrypted and queued for the server in one durable transaction</source>
        <translation>tersimpan, terenkripsi dan masuk antrean ke server dalam satu transaksi yang tahan gangguan</translation>
    </message>
    <message>
        <source>Show it (personal data: the view is written to the audit log)</source>
        <translation>Tampilkan (data pribadi: tampilan ini dicatat di log audit)</translation>
    </message>
    <message>
        <source>A repeat customer is found by phone</source>
        <translation>Pelanggan lama ditemukan lewat nomor telepon</translation>
    </message>
    <message>
        <source>Today&apos;s list: {n} shipments, {total}</source>
        <translation>Daftar hari ini: {n} kiriman, {total}</translation>
    </message>
    <message>
        <source>Audit chain: {state}, {rows} rows</source>
        <translation>Rantai audit: {state}, {rows} baris</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>utuh</translation>
    </message>
    <message>
        <source>BROKEN</source>
        <translation>RUSAK</translation>
    </message>
    <message>
        <source>The recipient&apos;s name appears {n} times in the database file and its WAL (it is encrypted)</source>
        <translation>Nama penerima muncul {n} kali di berkas basis data dan WAL-nya (terenkripsi)</translation>
    </message>
    <message>
        <source>Data lives in {path}. Demo users: manajer / {manager}, kasir1 / {clerk}. Run `make run` again to book another.</source>
        <translation>Data ada di {path}. Pengguna demo: manajer / {manager}, kasir1 / {clerk}. Jalankan `make run` lagi untuk booking berikutnya.</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tunai</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Transfer bank</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Kartu</translation>
    </message>
    <message>
        <source>Debit card</source>
        <translation>Kartu debit</translation>
    </message>
    <message>
        <source>Daily report {day}</source>
        <translation>Laporan harian {day}</translation>
    </message>
    <message>
        <source>Generated {at}</source>
        <translation>Dibuat {at}</translation>
    </message>
    <message>
        <source>Hour of booking (outlet time)</source>
        <translation>Jam booking (waktu outlet)</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>Kiriman</translation>
    </message>
    <message>
        <source>Revenue (Rp)</source>
        <translation>Pendapatan (Rp)</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Shipments per hour</source>
        <translation>Kiriman per jam</translation>
    </message>
    <message>
        <source>Revenue by service</source>
        <translation>Pendapatan per layanan</translation>
    </message>
    <message>
        <source>By service</source>
        <translation>Per layanan</translation>
    </message>
    <message>
        <source>By payment method</source>
        <translation>Per cara bayar</translation>
    </message>
    <message>
        <source>By clerk</source>
        <translation>Per kasir</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Kasir</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Pendapatan</translation>
    </message>
    <message>
        <source>Paid in cash</source>
        <translation>Dibayar tunai</translation>
    </message>
    <message>
        <source>Cash on delivery to collect</source>
        <translation>COD yang akan ditagih</translation>
    </message>
    <message>
        <source>Total weight</source>
        <translation>Berat total</translation>
    </message>
    <message>
        <source>Closing number</source>
        <translation>Nomor penutupan</translation>
    </message>
    <message>
        <source>Cash expected</source>
        <translation>Kas seharusnya</translation>
    </message>
    <message>
        <source>Cash counted</source>
        <translation>Kas dihitung</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Selisih</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>Ditutup oleh</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>Ditutup pada</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>Penutupan</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Halaman {page} dari {pages}</translation>
    </message>
    <message>
        <source>No shipments on this day.</source>
        <translation>Tidak ada kiriman pada tanggal ini.</translation>
    </message>
    <message>
        <source>No packing</source>
        <translation>Tanpa kemasan</translation>
    </message>
    <message>
        <source>Bubble wrap</source>
        <translation>Bubble wrap</translation>
    </message>
    <message>
        <source>Wooden crate</source>
        <translation>Peti kayu</translation>
    </message>
    <message>
        <source>Ser&amp;vices</source>
        <translation>&amp;Layanan</translation>
    </message>
    <message>
        <source>Debit/credit card</source>
        <translation>Kartu debit/kredit</translation>
    </message>
    <message>
        <source>40135 or Coblong</source>
        <translation>40135 atau Coblong</translation>
    </message>
    <message>
        <source>&amp;3 Name</source>
        <translation>&amp;3 Nama</translation>
    </message>
    <message>
        <source>&amp;4 Street</source>
        <translation>&amp;4 Jalan</translation>
    </message>
    <message>
        <source>&amp;5 Postal code / area</source>
        <translation>&amp;5 Kode pos / wilayah</translation>
    </message>
    <message>
        <source>&amp;6 Village</source>
        <translation>&amp;6 Kelurahan/desa</translation>
    </message>
    <message>
        <source>&amp;7 Name</source>
        <translation>&amp;7 Nama</translation>
    </message>
    <message>
        <source>&amp;8 Street</source>
        <translation>&amp;8 Jalan</translation>
    </message>
    <message>
        <source>&amp;9 Postal code / area</source>
        <translation>&amp;9 Kode pos / wilayah</translation>
    </message>
    <message>
        <source>&amp;0 Village</source>
        <translation>&amp;0 Kelurahan/desa</translation>
    </message>
    <message>
        <source>C&amp;ustomer</source>
        <translation>Pel&amp;anggan</translation>
    </message>
    <message>
        <source>Custom&amp;er</source>
        <translation>Pelan&amp;ggan</translation>
    </message>
    <message>
        <source>postal code or area</source>
        <translation>kode pos atau wilayah</translation>
    </message>
    <message>
        <source>The counter window cannot open: Qt needs the system library {lib}. Install: sudo apt-get install {packages}</source>
        <translation>Jendela loket tidak bisa dibuka: Qt memerlukan pustaka sistem {lib}. Pasang: sudo apt-get install {packages}</translation>
    </message>
    <message>
        <source>is {amount} but the notes and coins add up to {count}; count again</source>
        <translation>tertulis {amount} tetapi uang kertas dan koin berjumlah {count}; hitung ulang</translation>
    </message>
    <message>
        <source>is not a rupiah note or coin; use one of {faces}</source>
        <translation>bukan pecahan rupiah; gunakan salah satu dari {faces}</translation>
    </message>
    <message>
        <source>give the cash counted, as one amount or per note and coin</source>
        <translation>isi uang tunai yang dihitung, sebagai satu jumlah atau per pecahan</translation>
    </message>
    <message>
        <source>explain in a few words why the day reopens</source>
        <translation>jelaskan singkat mengapa hari ini dibuka kembali</translation>
    </message>
    <message>
        <source>must be a count from 0 to 1000000</source>
        <translation>harus jumlah lembar/keping dari 0 sampai 1000000</translation>
    </message>
    <message>
        <source>{day} is already closed on this terminal; reopen it first to close it again</source>
        <translation>{day} sudah ditutup di terminal ini; buka kembali dulu untuk menutupnya lagi</translation>
    </message>
    <message>
        <source>the cash is {diff} off: say in a few words why</source>
        <translation>kas selisih {diff}: jelaskan singkat alasannya</translation>
    </message>
    <message>
        <source>{day} is not closed on this terminal</source>
        <translation>{day} belum ditutup di terminal ini</translation>
    </message>
    <message>
        <source>fix the cause with support, then send the refused events again</source>
        <translation>perbaiki penyebabnya bersama tim dukungan, lalu kirim ulang event yang ditolak</translation>
    </message>
    <message>
        <source>call support with the event id: the server holds another record for it</source>
        <translation>hubungi tim dukungan dengan id event: server menyimpan catatan lain untuknya</translation>
    </message>
    <message>
        <source>the server has not received the shipment yet: send again after it syncs</source>
        <translation>server belum menerima kirimannya: kirim ulang setelah kiriman tersinkron</translation>
    </message>
    <message>
        <source>check the closing numbers of this terminal with support, then send again</source>
        <translation>periksa nomor penutupan terminal ini bersama tim dukungan, lalu kirim ulang</translation>
    </message>
    <message>
        <source>say why the full personal data is needed (e.g. the request&apos;s number)</source>
        <translation>jelaskan mengapa data pribadi lengkap diperlukan (mis. nomor surat permintaan)</translation>
    </message>
    <message>
        <source>enter your password again to export personal data</source>
        <translation>masukkan kata sandi Anda lagi untuk mengekspor data pribadi</translation>
    </message>
    <message>
        <source>belongs to {day}, which is closed; a manager reopens the day first</source>
        <translation>milik tanggal {day} yang sudah ditutup; manajer harus membuka kembali hari itu dulu</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>catatan: {note}</translation>
    </message>
    <message>
        <source>The day is closed: bookings from now on belong to the next day. Queued for the central server.</source>
        <translation>Hari sudah ditutup: pemesanan mulai sekarang masuk ke hari berikutnya. Diantrekan untuk server pusat.</translation>
    </message>
    <message>
        <source>{day} reopened (closing {n} set aside); close it again when done</source>
        <translation>{day} dibuka kembali (penutupan {n} dikesampingkan); tutup lagi bila sudah selesai</translation>
    </message>
    <message>
        <source>{value} is not NOTExCOUNT, e.g. 100000x3 for three Rp 100.000 notes</source>
        <translation>{value} bukan PECAHANxJUMLAH, mis. 100000x3 untuk tiga lembar Rp 100.000</translation>
    </message>
    <message>
        <source>must be a date like 2026-11-25</source>
        <translation>harus berupa tanggal seperti 2026-11-25</translation>
    </message>
    <message>
        <source>{day}: {count} shipments ({void} void), {pieces} pieces, {kg} kg, revenue {revenue}, cash {cash}, COD to collect {cod}</source>
        <translation>{day}: {count} kiriman ({void} batal), {pieces} koli, {kg} kg, pendapatan {revenue}, tunai {cash}, COD yang harus ditagih {cod}</translation>
    </message>
    <message>
        <source>{waybill} is void; a reprint will say VOID</source>
        <translation>{waybill} dibatalkan; cetak ulang akan bertanda BATAL</translation>
    </message>
    <message>
        <source>closed: closing {n}, difference {diff}</source>
        <translation>ditutup: penutupan {n}, selisih {diff}</translation>
    </message>
    <message>
        <source>refused by the server: {kind} {id}: {reason}. {remedy}</source>
        <translation>ditolak server: {kind} {id}: {reason}. {remedy}</translation>
    </message>
    <message>
        <source>report written to {path}</source>
        <translation>laporan ditulis ke {path}</translation>
    </message>
    <message>
        <source>{n} rows written to {path}{masked}</source>
        <translation>{n} baris ditulis ke {path}{masked}</translation>
    </message>
    <message>
        <source>applies to the CSV export: add --csv FILE</source>
        <translation>hanya untuk ekspor CSV: tambahkan --csv BERKAS</translation>
    </message>
    <message>
        <source> (personal data masked)</source>
        <translation> (data pribadi disamarkan)</translation>
    </message>
    <message>
        <source>{n} refused events queued again; they go with the next sync</source>
        <translation>{n} peristiwa yang ditolak diantrekan lagi; akan dikirim ke pusat pada sinkronisasi berikutnya</translation>
    </message>
    <message>
        <source>Da&amp;y review</source>
        <translation>Tin&amp;jauan hari</translation>
    </message>
    <message>
        <source>Close the day {day}</source>
        <translation>Tutup hari {day}</translation>
    </message>
    <message>
        <source>Notes and coins counted</source>
        <translation>Uang kertas dan logam yang dihitung</translation>
    </message>
    <message>
        <source>Note hint</source>
        <translation>Petunjuk catatan</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>&amp;Catatan</translation>
    </message>
    <message>
        <source>Closing message</source>
        <translation>Pesan penutupan</translation>
    </message>
    <message>
        <source>Close &amp;the day</source>
        <translation>Tutup &amp;hari</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>Tutup hari</translation>
    </message>
    <message>
        <source>Closing the day…</source>
        <translation>Menutup hari…</translation>
    </message>
    <message>
        <source>Closed: closing number {n}. New bookings go to the next business day.</source>
        <translation>Ditutup: penutupan nomor {n}. Kiriman baru masuk ke hari kerja berikutnya.</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Selesai</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Count of {face}</source>
        <translation>Jumlah {face}</translation>
    </message>
    <message>
        <source>Amount in {face}</source>
        <translation>Nilai dalam {face}</translation>
    </message>
    <message>
        <source>required: the cash is off; at least {n} characters</source>
        <translation>wajib: kas tidak cocok; minimal {n} karakter</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>tidak wajib</translation>
    </message>
    <message>
        <source>Note: the cash is {diff} off; say in a few words why</source>
        <translation>Catatan: kas selisih {diff}; jelaskan singkat alasannya</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>Tanggal hari kerja</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>Refresh the day review</source>
        <translation>Muat ulang tinjauan hari</translation>
    </message>
    <message>
        <source>S&amp;hipments</source>
        <translation>&amp;Daftar kiriman</translation>
    </message>
    <message>
        <source>Shipments of the day</source>
        <translation>Kiriman hari itu</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Closing state</source>
        <translation>Status penutupan</translation>
    </message>
    <message>
        <source>Totals by group</source>
        <translation>Jumlah per kelompok</translation>
    </message>
    <message>
        <source>Refused by the central server</source>
        <translation>Ditolak server pusat</translation>
    </message>
    <message>
        <source>Events the central server refused</source>
        <translation>Kejadian yang ditolak server pusat</translation>
    </message>
    <message>
        <source>Send refused a&amp;gain</source>
        <translation>Kirim ulan&amp;g yang ditolak</translation>
    </message>
    <message>
        <source>Send the refused events again</source>
        <translation>Kirim ulang kejadian yang ditolak</translation>
    </message>
    <message>
        <source>&amp;Void selected…</source>
        <translation>Batalkan res&amp;i…</translation>
    </message>
    <message>
        <source>Void the selected shipment</source>
        <translation>Batalkan kiriman yang dipilih</translation>
    </message>
    <message>
        <source>&amp;Close day…</source>
        <translation>T&amp;utup hari…</translation>
    </message>
    <message>
        <source>R&amp;eopen day…</source>
        <translation>Buka k&amp;embali…</translation>
    </message>
    <message>
        <source>Reopen the day</source>
        <translation>Buka kembali hari</translation>
    </message>
    <message>
        <source>E&amp;xport PDF…</source>
        <translation>Ekspor PD&amp;F…</translation>
    </message>
    <message>
        <source>Export the daily report as PDF</source>
        <translation>Ekspor laporan harian sebagai PDF</translation>
    </message>
    <message>
        <source>CSV (mas&amp;ked)…</source>
        <translation>CSV (di&amp;samarkan)…</translation>
    </message>
    <message>
        <source>Export CSV with personal data masked</source>
        <translation>Ekspor CSV dengan data pribadi disamarkan</translation>
    </message>
    <message>
        <source>CSV &amp;unmasked…</source>
        <translation>CSV le&amp;ngkap…</translation>
    </message>
    <message>
        <source>Export CSV with full personal data</source>
        <translation>Ekspor CSV dengan data pribadi lengkap</translation>
    </message>
    <message>
        <source>Void {waybill}</source>
        <translation>Batalkan {waybill}</translation>
    </message>
    <message>
        <source>A manager authorises the void; write why it is void.</source>
        <translation>Manajer menyetujui pembatalan; tulis alasannya.</translation>
    </message>
    <message>
        <source>Day {day} closed: closing {n}</source>
        <translation>Hari {day} ditutup: penutupan {n}</translation>
    </message>
    <message>
        <source>Reopen {day}</source>
        <translation>Buka kembali {day}</translation>
    </message>
    <message>
        <source>A manager or technician reopens a closed day; write why.</source>
        <translation>Manajer atau teknisi membuka kembali hari yang ditutup; tulis alasannya.</translation>
    </message>
    <message>
        <source>Daily report as PDF</source>
        <translation>Laporan harian sebagai PDF</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Menulis laporan…</translation>
    </message>
    <message>
        <source>Export personal data</source>
        <translation>Ekspor data pribadi</translation>
    </message>
    <message>
        <source>The full names, phones and addresses of {day} leave the program: only for a legal request. Enter your password again and write why (for example the request&apos;s number); this is recorded.</source>
        <translation>Nama lengkap, telepon dan alamat tanggal {day} keluar dari program: hanya untuk permintaan hukum. Masukkan kata sandi lagi dan tulis alasannya (misalnya nomor surat permintaan); ini dicatat.</translation>
    </message>
    <message>
        <source>Shipments of the day as CSV</source>
        <translation>Kiriman hari itu sebagai CSV</translation>
    </message>
    <message>
        <source>Writing the CSV…</source>
        <translation>Menulis CSV…</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Tanggal</translation>
    </message>
    <message>
        <source>C&amp;lerk</source>
        <translation>&amp;Kasir</translation>
    </message>
    <message>
        <source>Clerk filter</source>
        <translation>Saring kasir</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>&amp;Layanan</translation>
    </message>
    <message>
        <source>Service filter</source>
        <translation>Saring layanan</translation>
    </message>
    <message>
        <source>Payment method filter</source>
        <translation>Saring cara bayar</translation>
    </message>
    <message>
        <source>St&amp;atus</source>
        <translation>St&amp;atus</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Saring status</translation>
    </message>
    <message>
        <source>COD total</source>
        <translation>Total COD</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Open: the day takes bookings and voids.</source>
        <translation>Buka: hari ini menerima kiriman dan pembatalan.</translation>
    </message>
    <message>
        <source>Closed: closing {n} by {user} at {time}.</source>
        <translation>Ditutup: penutupan {n} oleh {user} pukul {time}.</translation>
    </message>
    <message>
        <source>Cash expected {expected}, counted {counted}, difference {diff}.</source>
        <translation>Kas seharusnya {expected}, dihitung {counted}, selisih {diff}.</translation>
    </message>
    <message>
        <source>{waybill} is already void</source>
        <translation>{waybill} sudah dibatalkan</translation>
    </message>
    <message>
        <source>Voiding {waybill}…</source>
        <translation>Membatalkan {waybill}…</translation>
    </message>
    <message>
        <source>Report written to {path}</source>
        <translation>Laporan ditulis ke {path}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Catatan: {note}</translation>
    </message>
    <message>
        <source>Closing {n} reopened by {user} at {time}: {reason}</source>
        <translation>Penutupan {n} dibuka kembali oleh {user} pukul {time}: {reason}</translation>
    </message>
    <message>
        <source>{day} reopened</source>
        <translation>{day} dibuka kembali</translation>
    </message>
    <message>
        <source>{n} refused events queued again</source>
        <translation>{n} kejadian yang ditolak diantrekan lagi</translation>
    </message>
    <message>
        <source>COD</source>
        <translation>COD</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>a manager</source>
        <translation>manajer</translation>
    </message>
    <message>
        <source>a technician</source>
        <translation>teknisi</translation>
    </message>
    <message>
        <source>a clerk</source>
        <translation>kasir</translation>
    </message>
    <message>
        <source>Authorisation message</source>
        <translation>Pesan persetujuan</translation>
    </message>
    <message>
        <source>Authorise</source>
        <translation>Setujui</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Alasan</translation>
    </message>
    <message>
        <source>at least {n} characters</source>
        <translation>minimal {n} karakter</translation>
    </message>
    <message>
        <source>Reason hint</source>
        <translation>Petunjuk alasan</translation>
    </message>
    <message>
        <source>&amp;Authorise</source>
        <translation>&amp;Setujui</translation>
    </message>
    <message>
        <source>User id: type the user id of who authorises this</source>
        <translation>ID pengguna: ketik ID pengguna yang menyetujui</translation>
    </message>
    <message>
        <source>Password: type the password of {user}</source>
        <translation>Kata sandi: ketik kata sandi {user}</translation>
    </message>
    <message>
        <source>Reason: write at least {n} characters</source>
        <translation>Alasan: tulis minimal {n} karakter</translation>
    </message>
    <message>
        <source>{user} may not authorise this; it needs {who}</source>
        <translation>{user} tidak boleh menyetujui ini; perlu {who}</translation>
    </message>
    <message>
        <source> or </source>
        <translation> atau </translation>
    </message>
    <message>
        <source>The counter window opened and stayed open for {seconds} s.</source>
        <translation>Jendela loket terbuka dan tetap terbuka selama {seconds} detik.</translation>
    </message>
    <message>
        <source>{fails} failed, {warns} warnings, {ok} ok</source>
        <translation>{fails} gagal, {warns} peringatan, {ok} baik</translation>
    </message>
    <message>
        <source>database integrity</source>
        <translation>integritas basis data</translation>
    </message>
    <message>
        <source>database schema</source>
        <translation>skema basis data</translation>
    </message>
    <message>
        <source>key store</source>
        <translation>penyimpanan kunci</translation>
    </message>
    <message>
        <source>free disk</source>
        <translation>ruang disk</translation>
    </message>
    <message>
        <source>printer</source>
        <translation>printer</translation>
    </message>
    <message>
        <source>USB permissions</source>
        <translation>izin USB</translation>
    </message>
    <message>
        <source>central server</source>
        <translation>server pusat</translation>
    </message>
    <message>
        <source>clock</source>
        <translation>jam</translation>
    </message>
    <message>
        <source>unsent events</source>
        <translation>event belum tersinkron</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>cadangan</translation>
    </message>
    <message>
        <source>log directory</source>
        <translation>folder log</translation>
    </message>
    <message>
        <source>{free} free on the data drive</source>
        <translation>{free} kosong di drive data</translation>
    </message>
    <message>
        <source>free disk space: empty the recycle bin, remove old downloads, or move old backups off this PC</source>
        <translation>kosongkan ruang disk: kosongkan recycle bin, hapus unduhan lama, atau pindahkan cadangan lama ke luar PC ini</translation>
    </message>
    <message>
        <source>this PC&apos;s clock is {n} s {side} the server&apos;s</source>
        <translation>jam PC ini {n} detik {side} jam server</translation>
    </message>
    <message>
        <source>set the date, time and time zone of this PC (automatic time on); bookings, closings and sync depend on it</source>
        <translation>atur tanggal, jam dan zona waktu PC ini (waktu otomatis aktif); pemesanan, tutup hari dan sinkronisasi bergantung padanya</translation>
    </message>
    <message>
        <source>the oldest unsent event has waited {age}</source>
        <translation>event tertua yang belum tersinkron sudah menunggu {age}</translation>
    </message>
    <message>
        <source>make one now: outlet-pos backup (and keep a portable one off this PC: outlet-pos backup --portable --to FILE)</source>
        <translation>buat sekarang: outlet-pos backup (dan simpan cadangan portabel di luar PC ini: outlet-pos backup --portable --to FILE)</translation>
    </message>
    <message>
        <source>last backup {age} ago</source>
        <translation>cadangan terakhir {age} yang lalu</translation>
    </message>
    <message>
        <source>integrity check passed</source>
        <translation>pemeriksaan integritas lolos</translation>
    </message>
    <message>
        <source>schema {rev} is older than {head}; it is upgraded at the next start</source>
        <translation>skema {rev} lebih lama dari {head}; akan diperbarui saat mulai berikutnya</translation>
    </message>
    <message>
        <source>start Outlet POS once; back up first</source>
        <translation>jalankan Outlet POS sekali; buat cadangan dahulu</translation>
    </message>
    <message>
        <source>keys present in {store}; {n} encrypted fields decrypted</source>
        <translation>kunci tersedia: {store}; {n} kolom terenkripsi berhasil didekripsi</translation>
    </message>
    <message>
        <source>the log directory is writable</source>
        <translation>folder log dapat ditulisi</translation>
    </message>
    <message>
        <source>{connection}: {problem} ({detail})</source>
        <translation>{connection}: {problem} ({detail})</translation>
    </message>
    <message>
        <source>udev rule installed: {path}</source>
        <translation>aturan udev terpasang: {path}</translation>
    </message>
    <message>
        <source>last successful sync {when} ago</source>
        <translation>sinkronisasi terakhir berhasil {when} yang lalu</translation>
    </message>
    <message>
        <source>no successful sync yet</source>
        <translation>belum pernah sinkronisasi berhasil</translation>
    </message>
    <message>
        <source>the server cannot be reached now ({why}); {since}</source>
        <translation>server tidak dapat dihubungi sekarang ({why}); {since}</translation>
    </message>
    <message>
        <source>working offline is normal; events are sent when the network is back. Check the network cable or Wi-Fi if this lasts</source>
        <translation>bekerja luring itu normal; data disinkronkan ke pusat saat jaringan kembali. Periksa kabel jaringan atau Wi-Fi jika ini berlangsung lama</translation>
    </message>
    <message>
        <source>no outlet database in {path}</source>
        <translation>tidak ada basis data outlet di {path}</translation>
    </message>
    <message>
        <source>set the outlet up (outlet-pos setup) or restore a backup (outlet-pos restore FILE)</source>
        <translation>siapkan outlet (outlet-pos setup) atau pulihkan cadangan (outlet-pos restore FILE)</translation>
    </message>
    <message>
        <source>the database file is damaged ({what})</source>
        <translation>file basis data rusak ({what})</translation>
    </message>
    <message>
        <source>close Outlet POS, then restore the newest backup: outlet-pos restore --force FILE (the damaged file is kept aside)</source>
        <translation>tutup Outlet POS, lalu pulihkan cadangan terbaru: outlet-pos restore --force FILE (file yang rusak disimpan terpisah)</translation>
    </message>
    <message>
        <source>cannot read the schema version</source>
        <translation>versi skema tidak dapat dibaca</translation>
    </message>
    <message>
        <source>fix the database first (see database integrity)</source>
        <translation>perbaiki basis data dahulu (lihat integritas basis data)</translation>
    </message>
    <message>
        <source>the database has no schema version</source>
        <translation>basis data tidak memiliki versi skema</translation>
    </message>
    <message>
        <source>restore the newest backup: outlet-pos restore --force FILE</source>
        <translation>pulihkan cadangan terbaru: outlet-pos restore --force FILE</translation>
    </message>
    <message>
        <source>schema {rev} is the newest</source>
        <translation>skema {rev} adalah yang terbaru</translation>
    </message>
    <message>
        <source>schema {rev} was made by a newer Outlet POS (this one knows {head})</source>
        <translation>skema {rev} dibuat oleh Outlet POS yang lebih baru (versi ini mengenal {head})</translation>
    </message>
    <message>
        <source>install the newer Outlet POS version again</source>
        <translation>pasang kembali versi Outlet POS yang lebih baru</translation>
    </message>
    <message>
        <source>the keys cannot be used: {why}</source>
        <translation>kunci tidak dapat dipakai: {why}</translation>
    </message>
    <message>
        <source>restore the keys with a portable backup: outlet-pos restore --portable --force FILE (made on this outlet with backup --portable)</source>
        <translation>pulihkan kunci dengan cadangan portabel: outlet-pos restore --portable --force FILE (dibuat di outlet ini dengan backup --portable)</translation>
    </message>
    <message>
        <source>cannot write to the log directory ({error})</source>
        <translation>tidak dapat menulis ke folder log ({error})</translation>
    </message>
    <message>
        <source>give this Windows/Linux user write access to {path}</source>
        <translation>beri pengguna Windows/Linux ini hak tulis ke {path}</translation>
    </message>
    <message>
        <source>choose one: outlet-pos printer use CONNECTION --profile NAME (see outlet-pos printer list)</source>
        <translation>pilih satu: outlet-pos printer use CONNECTION --profile NAME (lihat outlet-pos printer list)</translation>
    </message>
    <message>
        <source>{connection} answers</source>
        <translation>{connection} menjawab</translation>
    </message>
    <message>
        <source>not needed (the printer is not on direct USB)</source>
        <translation>tidak diperlukan (printer tidak tersambung langsung lewat USB)</translation>
    </message>
    <message>
        <source>no udev rule needed on this system</source>
        <translation>aturan udev tidak diperlukan di sistem ini</translation>
    </message>
    <message>
        <source>the udev rule {rule} is not installed</source>
        <translation>aturan udev {rule} belum terpasang</translation>
    </message>
    <message>
        <source>install the outlet-pos .deb package, or: sudo cp printers/udev/{rule} /etc/udev/rules.d/ &amp;&amp; sudo udevadm control --reload &amp;&amp; sudo udevadm trigger; then replug the printer</source>
        <translation>pasang paket .deb outlet-pos, atau: sudo cp printers/udev/{rule} /etc/udev/rules.d/ &amp;&amp; sudo udevadm control --reload &amp;&amp; sudo udevadm trigger; lalu cabut dan colokkan kembali printer</translation>
    </message>
    <message>
        <source>this terminal is not enrolled; shipments stay on this PC</source>
        <translation>terminal ini belum didaftarkan; kiriman tetap di PC ini</translation>
    </message>
    <message>
        <source>enroll it: outlet-pos enroll --server URL --code CODE</source>
        <translation>daftarkan: outlet-pos enroll --server URL --code CODE</translation>
    </message>
    <message>
        <source>the server answers over a trusted connection</source>
        <translation>server menjawab lewat koneksi tepercaya</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted ({why})</source>
        <translation>sertifikat server tidak tepercaya ({why})</translation>
    </message>
    <message>
        <source>check the date and time, then enroll again with the courier&apos;s CA certificate: outlet-pos enroll --server URL --code CODE --ca-bundle FILE; never accept an unknown certificate</source>
        <translation>periksa tanggal dan jam, lalu daftarkan ulang dengan sertifikat CA kurir: outlet-pos enroll --server URL --code CODE --ca-bundle FILE; jangan pernah menerima sertifikat yang tidak dikenal</translation>
    </message>
    <message>
        <source>the server address is wrong ({why})</source>
        <translation>alamat server salah ({why})</translation>
    </message>
    <message>
        <source>enroll again with the right address: outlet-pos enroll --server URL --code CODE</source>
        <translation>daftarkan ulang dengan alamat yang benar: outlet-pos enroll --server URL --code CODE</translation>
    </message>
    <message>
        <source>not compared (the server is not reachable)</source>
        <translation>tidak dibandingkan (server tidak dapat dihubungi)</translation>
    </message>
    <message>
        <source>nothing waiting to be sent</source>
        <translation>tidak ada data yang menunggu sinkron ke pusat</translation>
    </message>
    <message>
        <source>check the server line above; run outlet-pos sync --once and read its message</source>
        <translation>periksa baris server di atas; jalankan outlet-pos sync --once dan baca pesannya</translation>
    </message>
    <message>
        <source>no backup has been made yet</source>
        <translation>belum ada cadangan yang dibuat</translation>
    </message>
    <message>
        <source>ahead of</source>
        <translation>lebih cepat dari</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>lebih lambat dari</translation>
    </message>
    <message>
        <source>not checked: the database cannot be read</source>
        <translation>tidak diperiksa: basis data tidak dapat dibaca</translation>
    </message>
    <message>
        <source>the check could not run ({error})</source>
        <translation>pemeriksaan tidak dapat dijalankan ({error})</translation>
    </message>
    <message>
        <source>run outlet-pos doctor again; if it repeats, send outlet-pos logs bundle to support</source>
        <translation>jalankan outlet-pos doctor lagi; jika terulang, kirim outlet-pos logs bundle ke dukungan</translation>
    </message>
    <message>
        <source>the database is missing</source>
        <translation>basis data tidak ada</translation>
    </message>
    <message>
        <source>the key table cannot be read ({error})</source>
        <translation>tabel kunci tidak dapat dibaca ({error})</translation>
    </message>
    <message>
        <source>the data key of the newest shipment is missing</source>
        <translation>kunci data kiriman terbaru tidak ada</translation>
    </message>
    <message>
        <source>Backup passphrase: </source>
        <translation>Frasa sandi cadangan: </translation>
    </message>
    <message>
        <source>backup written: {path} ({size}, database {db}, {n} shipments, {s} s)</source>
        <translation>cadangan ditulis: {path} ({size}, basis data {db}, {n} kiriman, {s} detik)</translation>
    </message>
    <message>
        <source>restored outlet {outlet} terminal {terminal} from the backup of {when}: {n} shipments, schema {schema}, integrity checked, {d} personal fields decrypted as a check</source>
        <translation>outlet {outlet} terminal {terminal} dipulihkan dari cadangan {when}: {n} kiriman, skema {schema}, integritas diperiksa, {d} kolom data pribadi didekripsi sebagai pemeriksaan</translation>
    </message>
    <message>
        <source>Check it: outlet-pos doctor</source>
        <translation>Periksa: outlet-pos doctor</translation>
    </message>
    <message>
        <source>It holds the keys: keep it and its passphrase apart, off this PC.</source>
        <translation>File ini berisi kunci: simpan file dan frasa sandinya terpisah, di luar PC ini.</translation>
    </message>
    <message>
        <source>The database that was there is kept in {path}</source>
        <translation>Basis data yang ada sebelumnya disimpan di {path}</translation>
    </message>
    <message>
        <source>needs a terminal to prompt; or use --passphrase-stdin</source>
        <translation>memerlukan terminal untuk bertanya; atau pakai --passphrase-stdin</translation>
    </message>
    <message>
        <source>Repeat the passphrase: </source>
        <translation>Ulangi frasa sandi: </translation>
    </message>
    <message>
        <source>a portable backup needs --to FILE (e.g. on a USB stick)</source>
        <translation>cadangan portabel memerlukan --to FILE (misalnya di flashdisk)</translation>
    </message>
    <message>
        <source>the passphrase must be at least {n} characters</source>
        <translation>frasa sandi minimal {n} karakter</translation>
    </message>
    <message>
        <source>{file} is locked with the backup key of the PC that made it, which is not in this key store; on a new PC restore a portable backup (made with backup --portable)</source>
        <translation>{file} dikunci dengan kunci cadangan PC yang membuatnya, yang tidak ada di penyimpanan kunci ini; di PC baru pulihkan cadangan portabel (dibuat dengan backup --portable)</translation>
    </message>
    <message>
        <source>the master key is not in the key store; this database cannot be backed up readably. Run outlet-pos doctor</source>
        <translation>kunci utama tidak ada di penyimpanan kunci; basis data ini tidak dapat dicadangkan agar terbaca. Jalankan outlet-pos doctor</translation>
    </message>
    <message>
        <source>{file} is not an Outlet POS backup</source>
        <translation>{file} bukan cadangan Outlet POS</translation>
    </message>
    <message>
        <source>{file} was made by another Outlet POS version (format {format})</source>
        <translation>{file} dibuat oleh versi Outlet POS lain (format {format})</translation>
    </message>
    <message>
        <source>the database in the backup does not match its manifest</source>
        <translation>basis data di dalam cadangan tidak cocok dengan daftar isinya</translation>
    </message>
    <message>
        <source>the backup has schema {rev}, made by a newer Outlet POS; install that version first</source>
        <translation>cadangan memiliki skema {rev}, dibuat oleh Outlet POS yang lebih baru; pasang versi itu dahulu</translation>
    </message>
    <message>
        <source>cannot read {file}: {error}</source>
        <translation>tidak dapat membaca {file}: {error}</translation>
    </message>
    <message>
        <source>{file} is damaged (its header cannot be read)</source>
        <translation>{file} rusak (kepalanya tidak dapat dibaca)</translation>
    </message>
    <message>
        <source>{file} is a portable backup: restore it with --portable and its passphrase</source>
        <translation>{file} adalah cadangan portabel: pulihkan dengan --portable dan frasa sandinya</translation>
    </message>
    <message>
        <source>{file} failed its integrity check: the passphrase is wrong, or the file is damaged or was altered. Nothing was restored</source>
        <translation>{file} gagal pemeriksaan integritas: frasa sandi salah, atau file rusak atau telah diubah. Tidak ada yang dipulihkan</translation>
    </message>
    <message>
        <source>{file} failed its integrity check: the file is damaged or was altered. Nothing was restored</source>
        <translation>{file} gagal pemeriksaan integritas: file rusak atau telah diubah. Tidak ada yang dipulihkan</translation>
    </message>
    <message>
        <source>the database in the backup is damaged ({what})</source>
        <translation>basis data di dalam cadangan rusak ({what})</translation>
    </message>
    <message>
        <source>the keys in the backup do not open its data ({why})</source>
        <translation>kunci di dalam cadangan tidak membuka datanya ({why})</translation>
    </message>
    <message>
        <source>{path} already holds an outlet database; nothing was changed. Add --force to replace it (the old one is kept aside)</source>
        <translation>{path} sudah berisi basis data outlet; tidak ada yang diubah. Tambahkan --force untuk menggantinya (yang lama disimpan terpisah)</translation>
    </message>
    <message>
        <source>&amp;Void…</source>
        <translation>Bat&amp;alkan…</translation>
    </message>
    <message>
        <source>F8; a manager authorises it</source>
        <translation>F8; disetujui manajer</translation>
    </message>
    <message>
        <source>A manager authorises the void: the manager types their user id and password here; write why it is void.</source>
        <translation>Manajer menyetujui pembatalan: manajer mengetik ID pengguna dan kata sandinya di sini; tulis alasannya.</translation>
    </message>
    <message>
        <source>the disk holding {path} failed to read or write; nothing was saved. Check the disk (outlet-pos doctor), then try again</source>
        <translation>disk tempat {path} gagal dibaca atau ditulis; tidak ada yang tersimpan. Periksa disk (outlet-pos doctor), lalu coba lagi</translation>
    </message>
    <message>
        <source>the disk holding {path} is full; nothing was saved. Free some space on it (outlet-pos doctor shows how much is left), then try again</source>
        <translation>disk tempat {path} penuh; tidak ada yang tersimpan. Kosongkan sebagian ruang di disk itu (outlet-pos doctor menunjukkan sisa ruang), lalu coba lagi</translation>
    </message>
    <message>
        <source>{path} is read-only or not writable for this user; nothing was saved. Give this user write access to it (outlet-pos doctor checks), then try again</source>
        <translation>{path} hanya-baca atau tidak bisa ditulis oleh pengguna ini; tidak ada yang tersimpan. Beri pengguna ini hak tulis ke folder itu (diperiksa oleh outlet-pos doctor), lalu coba lagi</translation>
    </message>
    <message>
        <source>the database is locked by another program for more than {seconds} s; nothing was saved. Close the other Outlet POS window or program using {path}, then try again</source>
        <translation>basis data dikunci oleh program lain lebih dari {seconds} detik; tidak ada yang tersimpan. Tutup jendela Outlet POS lain atau program yang memakai {path}, lalu coba lagi</translation>
    </message>
    <message>
        <source>the database in {path} is damaged; nothing was saved. Run outlet-pos doctor, then restore the newest backup</source>
        <translation>basis data di {path} rusak; tidak ada yang tersimpan. Jalankan outlet-pos doctor, lalu pulihkan cadangan terbaru</translation>
    </message>
    <message>
        <source>support bundle written: {path} (logs, doctor output, versions; no database, no keys)</source>
        <translation>paket dukungan ditulis: {path} (log, hasil doctor, versi; tanpa basis data, tanpa kunci)</translation>
    </message>
    <message>
        <source>SETUP COMPLETE. Check this PC with: outlet-pos doctor</source>
        <translation>PENYIAPAN SELESAI. Periksa PC ini dengan: outlet-pos doctor</translation>
    </message>
    <message>
        <source>SETUP INCOMPLETE: {n} step(s) failed; the outlet is created, finish the failed steps with the commands above, then run outlet-pos doctor</source>
        <translation>PENYIAPAN BELUM LENGKAP: {n} langkah gagal; outlet sudah dibuat, selesaikan langkah yang gagal dengan perintah di atas, lalu jalankan outlet-pos doctor</translation>
    </message>
    <message>
        <source>outlet {outlet} terminal {terminal} created in {path}; manager &apos;{user}&apos;; keys in {store}</source>
        <translation>outlet {outlet} terminal {terminal} dibuat di {path}; manajer &apos;{user}&apos;; kunci di {store}</translation>
    </message>
    <message>
        <source>must be id or en</source>
        <translation>harus id atau en</translation>
    </message>
    <message>
        <source>give either --server and --enroll-code, or --provisioning-file, not both</source>
        <translation>berikan --server dan --enroll-code, atau --provisioning-file, jangan keduanya</translation>
    </message>
    <message>
        <source>no such file: {file}</source>
        <translation>file tidak ada: {file}</translation>
    </message>
    <message>
        <source>--server and --enroll-code go together</source>
        <translation>--server dan --enroll-code harus diberikan bersama</translation>
    </message>
    <message>
        <source>language: {lang}</source>
        <translation>bahasa: {lang}</translation>
    </message>
    <message>
        <source>enrolled as device {device}</source>
        <translation>terdaftar sebagai perangkat {device}</translation>
    </message>
    <message>
        <source>printer {connection} as {profile}</source>
        <translation>printer {connection} sebagai {profile}</translation>
    </message>
    <message>
        <source>no test page: no printer is set up</source>
        <translation>tidak ada halaman uji: belum ada printer yang diatur</translation>
    </message>
    <message>
        <source>choose one: outlet-pos printer use CONNECTION --profile NAME, then outlet-pos printer test</source>
        <translation>pilih satu: outlet-pos printer use CONNECTION --profile NAME, lalu outlet-pos printer test</translation>
    </message>
    <message>
        <source>not enrolled: {why}</source>
        <translation>belum terdaftar: {why}</translation>
    </message>
    <message>
        <source>when the server is reachable: outlet-pos enroll --server URL --code CODE --user {user}</source>
        <translation>saat server dapat dihubungi: outlet-pos enroll --server URL --code CODE --user {user}</translation>
    </message>
    <message>
        <source>no USB printer with a known profile was found{why}</source>
        <translation>tidak ditemukan printer USB dengan profil yang dikenal{why}</translation>
    </message>
    <message>
        <source>plug the printer in and switch it on, or name it: --printer usb:VID:PID --profile NAME (see outlet-pos printer list)</source>
        <translation>colokkan printer dan nyalakan, atau sebutkan: --printer usb:VID:PID --profile NAME (lihat outlet-pos printer list)</translation>
    </message>
    <message>
        <source>the test page went to {connection}: check on paper that the barcode and QR scan and the accents print</source>
        <translation>halaman uji dikirim ke {connection}: periksa di kertas bahwa barcode dan QR dapat dipindai dan aksen tercetak</translation>
    </message>
    <message>
        <source>the test page was not printed: {problem} ({detail})</source>
        <translation>halaman uji tidak tercetak: {problem} ({detail})</translation>
    </message>
    <message>
        <source>D&amp;iagnostics</source>
        <translation>D&amp;iagnostik</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Pemeriksaan</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Temuan</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>GAGAL</translation>
    </message>
    <message>
        <source>Run the checks a&amp;gain</source>
        <translation>Jalankan pemeriksaan la&amp;gi</translation>
    </message>
    <message>
        <source>Diagnostics summary</source>
        <translation>Ringkasan diagnostik</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostik</translation>
    </message>
    <message>
        <source>Checking… (the printer and the server may take a few seconds)</source>
        <translation>Memeriksa… (printer dan server bisa memerlukan beberapa detik)</translation>
    </message>
    <message>
        <source>Outlet POS — first-run setup</source>
        <translation>Outlet POS — penyiapan awal</translation>
    </message>
    <message>
        <source>The outlet</source>
        <translation>Outlet</translation>
    </message>
    <message>
        <source>The first manager</source>
        <translation>Manajer pertama</translation>
    </message>
    <message>
        <source>The central server (leave empty to enroll later)</source>
        <translation>Server pusat (kosongkan untuk mendaftar nanti)</translation>
    </message>
    <message>
        <source>The printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>by USB id, else generic-80</source>
        <translation>menurut ID USB, jika tidak generic-80</translation>
    </message>
    <message>
        <source>&amp;Find USB printers</source>
        <translation>&amp;Cari printer USB</translation>
    </message>
    <message>
        <source>Print a test page at the end</source>
        <translation>Cetak halaman uji di akhir</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Koneksi</translation>
    </message>
    <message>
        <source>Setting up</source>
        <translation>Menyiapkan</translation>
    </message>
    <message>
        <source>Setup result</source>
        <translation>Hasil penyiapan</translation>
    </message>
    <message>
        <source>Creating the outlet, enrolling and testing the printer…</source>
        <translation>Membuat outlet, mendaftarkan dan menguji printer…</translation>
    </message>
    <message>
        <source>Nothing was set up: {why}. Go back and correct it.</source>
        <translation>Tidak ada yang disiapkan: {why}. Kembali dan perbaiki.</translation>
    </message>
    <message>
        <source>found {connection} ({profile})</source>
        <translation>ditemukan {connection} ({profile})</translation>
    </message>
    <message>
        <source>password: the two entries differ; type it again</source>
        <translation>kata sandi: kedua isian berbeda; ketik ulang</translation>
    </message>
    <message>
        <source>Setup complete.</source>
        <translation>Penyiapan selesai.</translation>
    </message>
    <message>
        <source>The outlet is created; finish the failed steps later (see above).</source>
        <translation>Outlet sudah dibuat; selesaikan langkah yang gagal nanti (lihat di atas).</translation>
    </message>
    <message>
        <source>Outlet number</source>
        <translation>Nomor outlet</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Outlet name</source>
        <translation>Nama outlet</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona waktu</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Ulangi kata sandi</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Alamat server</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Kode pendaftaran</translation>
    </message>
    <message>
        <source>or a provisioning file</source>
        <translation>atau file provisioning</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>no USB printer found</source>
        <translation>tidak ada printer USB yang ditemukan</translation>
    </message>
    <message>
        <source>The day&apos;s figures</source>
        <translation>Angka hari itu</translation>
    </message>
    <message>
        <source>{day}: {n} shipments ({void} void), revenue {revenue}</source>
        <translation>{day}: {n} kiriman ({void} batal), pendapatan {revenue}</translation>
    </message>
    <message>
        <source>Today&apos;s s&amp;hipments</source>
        <translation>Kiriman &amp;hari ini</translation>
    </message>
    <message>
        <source>Tr&amp;ack</source>
        <translation>&amp;Pelacakan</translation>
    </message>
    <message>
        <source>Dia&amp;gnostics</source>
        <translation>Diagn&amp;ostik</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>St&amp;atus</translation>
    </message>
    <message>
        <source>Sh&amp;ipments</source>
        <translation>&amp;Daftar kiriman</translation>
    </message>
    <message>
        <source>Send &amp;refused again</source>
        <translation>Kirim ulan&amp;g yang ditolak</translation>
    </message>
    <message>
        <source>&amp;Run the checks again</source>
        <translation>Jalankan pemeriksaan la&amp;gi</translation>
    </message>
    <message>
        <source>the database is locked by another program ({what})</source>
        <translation>basis data dikunci oleh program lain ({what})</translation>
    </message>
    <message>
        <source>close the other Outlet POS window or program that uses {path} (or restart the PC), then run outlet-pos doctor again; the data is not damaged</source>
        <translation>tutup jendela Outlet POS atau program lain yang memakai {path} (atau mulai ulang PC), lalu jalankan outlet-pos doctor lagi; datanya tidak rusak</translation>
    </message>
    <message>
        <source>received at the outlet</source>
        <translation>diterima di outlet</translation>
    </message>
    <message>
        <source>picked up</source>
        <translation>diambil kurir</translation>
    </message>
    <message>
        <source>on the way</source>
        <translation>dalam perjalanan</translation>
    </message>
    <message>
        <source>at the sorting hub</source>
        <translation>di gudang sortir</translation>
    </message>
    <message>
        <source>out for delivery</source>
        <translation>sedang diantar kurir</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>terkirim, diterima penerima</translation>
    </message>
    <message>
        <source>delivery failed</source>
        <translation>gagal antar</translation>
    </message>
    <message>
        <source>returned to the sender</source>
        <translation>dikembalikan ke pengirim</translation>
    </message>
    <message>
        <source>cancelled at the outlet</source>
        <translation>dibatalkan di outlet</translation>
    </message>
    <message>
        <source>The business day shown; a closed day can be looked at</source>
        <translation>Hari usaha yang ditampilkan; hari yang sudah ditutup tetap bisa dilihat</translation>
    </message>
    <message>
        <source>{shipments} · closed day</source>
        <translation>{shipments} · hari sudah ditutup</translation>
    </message>
    <message>
        <source>{day} is closed: a manager reopens it in Day review before a void</source>
        <translation>{day} sudah ditutup: manajer membuka kembali hari itu di Tinjauan hari sebelum membatalkan</translation>
    </message>
    <message>
        <source>no such Windows printer</source>
        <translation>printer Windows dengan nama itu tidak ada</translation>
    </message>
    <message>
        <source>lpstat (cups-client) is not installed</source>
        <translation>lpstat (paket cups-client) belum terpasang</translation>
    </message>
    <message>
        <source>no such CUPS queue</source>
        <translation>antrean CUPS dengan nama itu tidak ada</translation>
    </message>
    <message>
        <source>lpstat did not answer</source>
        <translation>lpstat tidak menjawab</translation>
    </message>
    <message>
        <source>the stored printer setting cannot be used</source>
        <translation>pengaturan printer yang tersimpan tidak bisa dipakai</translation>
    </message>
    <message>
        <source>the server cannot be reached: it did not answer in time</source>
        <translation>server tidak bisa dihubungi: tidak menjawab tepat waktu</translation>
    </message>
    <message>
        <source>the server cannot be reached: it took too long to answer</source>
        <translation>server tidak bisa dihubungi: terlalu lama menjawab</translation>
    </message>
    <message>
        <source>the server cannot be reached: the proxy refused the connection</source>
        <translation>server tidak bisa dihubungi: proxy menolak sambungan</translation>
    </message>
    <message>
        <source>the secure connection to the server failed</source>
        <translation>sambungan aman ke server gagal</translation>
    </message>
    <message>
        <source>the server address redirects; check the server address</source>
        <translation>alamat server mengalihkan ke tempat lain; periksa alamat server</translation>
    </message>
    <message>
        <source>the server cannot be reached (no network, or the server is off)</source>
        <translation>server tidak bisa dihubungi (jaringan putus, atau server mati)</translation>
    </message>
    <message>
        <source>{why}; {since}</source>
        <translation>{why}; {since}</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted (expired, made for another name, not signed by the courier&apos;s CA, or this PC&apos;s date is wrong)</source>
        <translation>sertifikat server tidak dipercaya (kedaluwarsa, dibuat untuk nama lain, tidak ditandatangani CA kurir, atau tanggal PC ini salah)</translation>
    </message>
    <message>
        <source>the check itself failed; the details are in the log</source>
        <translation>pemeriksaan ini sendiri gagal; rinciannya ada di log</translation>
    </message>
    <message>
        <source>key files in {directory}</source>
        <translation>berkas kunci di {directory}</translation>
    </message>
    <message>
        <source>the system key store ({backend})</source>
        <translation>penyimpanan kunci sistem ({backend})</translation>
    </message>
    <message>
        <source>Locked screen</source>
        <translation>Layar terkunci</translation>
    </message>
    <message>
        <source>Locked by</source>
        <translation>Dikunci oleh</translation>
    </message>
    <message>
        <source>Locked by {user}</source>
        <translation>Dikunci oleh {user}</translation>
    </message>
    <message>
        <source>Log in to start</source>
        <translation>Masuk untuk mulai</translation>
    </message>
    <message>
        <source>Log-in title</source>
        <translation>Judul masuk</translation>
    </message>
    <message>
        <source>Switch user: log in</source>
        <translation>Ganti pengguna: silakan masuk</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>Pengatura&amp;n</translation>
    </message>
    <message>
        <source>Lock now ({key})</source>
        <translation>Kunci sekarang ({key})</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Kunci sekarang</translation>
    </message>
    <message>
        <source>Switch user ({key})</source>
        <translation>Ganti pengguna ({key})</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>Ganti pengguna</translation>
    </message>
    <message>
        <source>Central server</source>
        <translation>Server pusat</translation>
    </message>
    <message>
        <source>e.g. https://pusat.example.co.id</source>
        <translation>mis. https://pusat.example.co.id</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Berkas sertifikat CA</translation>
    </message>
    <message>
        <source>Enro&amp;ll again</source>
        <translation>&amp;Daftarkan ulang</translation>
    </message>
    <message>
        <source>Enroll again</source>
        <translation>Daftarkan ulang</translation>
    </message>
    <message>
        <source>&amp;Enroll again</source>
        <translation>&amp;Daftarkan ulang</translation>
    </message>
    <message>
        <source>Server state</source>
        <translation>Status server</translation>
    </message>
    <message>
        <source>&amp;Change language</source>
        <translation>&amp;Ganti bahasa</translation>
    </message>
    <message>
        <source>Change language</source>
        <translation>Ganti bahasa</translation>
    </message>
    <message>
        <source>Language state</source>
        <translation>Status bahasa</translation>
    </message>
    <message>
        <source>Enrolled at {server} as device {device}.</source>
        <translation>Terdaftar di {server} sebagai perangkat {device}.</translation>
    </message>
    <message>
        <source>This terminal is enrolled at {server} as device {device}. Enroll it again at {new}? Events not yet sent are sent with the new device.</source>
        <translation>Terminal ini terdaftar di {server} sebagai perangkat {device}. Daftarkan ulang di {new}? Data yang belum tersinkron akan disinkronkan lewat perangkat baru.</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>Mendaftarkan…</translation>
    </message>
    <message>
        <source>&amp;Server address</source>
        <translation>Alamat ser&amp;ver</translation>
    </message>
    <message>
        <source>Enrollment co&amp;de</source>
        <translation>&amp;Kode pendaftaran</translation>
    </message>
    <message>
        <source>CA certificate f&amp;ile (optional)</source>
        <translation>Berkas sert&amp;ifikat CA (opsional)</translation>
    </message>
    <message>
        <source>Lang&amp;uage</source>
        <translation>Bah&amp;asa</translation>
    </message>
    <message>
        <source>This terminal is not enrolled at a server yet.</source>
        <translation>Terminal ini belum terdaftar di server.</translation>
    </message>
    <message>
        <source>Server address: type it, e.g. https://pusat.example.co.id</source>
        <translation>Alamat server: ketik alamatnya, mis. https://pusat.example.co.id</translation>
    </message>
    <message>
        <source>Enrollment code: type the code the head office gave for this terminal</source>
        <translation>Kode pendaftaran: ketik kode dari kantor pusat untuk terminal ini</translation>
    </message>
    <message>
        <source>CA certificate file: cannot be read ({error})</source>
        <translation>Berkas sertifikat CA: tidak dapat dibaca ({error})</translation>
    </message>
    <message>
        <source>Not enrolled: {why}</source>
        <translation>Belum terdaftar: {why}</translation>
    </message>
    <message>
        <source>Printer connection</source>
        <translation>Koneksi printer</translation>
    </message>
    <message>
        <source>e.g. usb:0416:5011 or net:192.168.1.50:9100</source>
        <translation>mis. usb:0416:5011 atau net:192.168.1.50:9100</translation>
    </message>
    <message>
        <source>Printer profile</source>
        <translation>Profil printer</translation>
    </message>
    <message>
        <source>Find USB printers</source>
        <translation>Cari printer USB</translation>
    </message>
    <message>
        <source>Sa&amp;ve printer</source>
        <translation>Si&amp;mpan printer</translation>
    </message>
    <message>
        <source>Save printer</source>
        <translation>Simpan printer</translation>
    </message>
    <message>
        <source>Print a t&amp;est page</source>
        <translation>Cetak halaman &amp;uji</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Cetak halaman uji</translation>
    </message>
    <message>
        <source>Printer message</source>
        <translation>Pesan printer</translation>
    </message>
    <message>
        <source>Printer c&amp;onnection</source>
        <translation>Kon&amp;eksi printer</translation>
    </message>
    <message>
        <source>Printer p&amp;rofile</source>
        <translation>P&amp;rofil printer</translation>
    </message>
    <message>
        <source>This counter prints to {connection} as {profile}.</source>
        <translation>Loket ini mencetak ke {connection} dengan profil {profile}.</translation>
    </message>
    <message>
        <source>Looking for USB printers…</source>
        <translation>Mencari printer USB…</translation>
    </message>
    <message>
        <source>Printing the test page…</source>
        <translation>Mencetak halaman uji…</translation>
    </message>
    <message>
        <source>The test page went to {connection}: check on paper that the barcode and the QR scan and the accents print.</source>
        <translation>Halaman uji dikirim ke {connection}: periksa di kertas bahwa barcode dan QR dapat dipindai dan aksen tercetak.</translation>
    </message>
    <message>
        <source>Printer connection: type where the printer is, e.g. usb:0416:5011 or net:192.168.1.50:9100</source>
        <translation>Koneksi printer: ketik letak printernya, mis. usb:0416:5011 atau net:192.168.1.50:9100</translation>
    </message>
    <message>
        <source>The test page was not printed: {problem}. What to do: {remedy}</source>
        <translation>Halaman uji tidak tercetak: {problem}. Yang harus dilakukan: {remedy}</translation>
    </message>
    <message>
        <source>the outlet and its manager are created; they cannot be changed here</source>
        <translation>outlet dan manajernya sudah dibuat; tidak bisa diubah di sini</translation>
    </message>
    <message>
        <source>Created by the setup; it cannot be changed here.</source>
        <translation>Sudah dibuat saat penyiapan; tidak bisa diubah di sini.</translation>
    </message>
    <message>
        <source>What is wrong on this page</source>
        <translation>Yang salah di halaman ini</translation>
    </message>
    <message>
        <source>To change the printer, the server or the language: press Back, change it, then Next. Finish opens the log-in.</source>
        <translation>Untuk mengganti printer, server, atau bahasa: tekan Kembali, ubah, lalu Lanjut. Selesai membuka layar masuk.</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Kembali</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Lanjut &gt;</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>&amp;Siapkan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <source>Enrolled; it cannot be changed here.</source>
        <translation>Sudah terdaftar; tidak bisa diubah di sini.</translation>
    </message>
    <message>
        <source>Applying the changes…</source>
        <translation>Menerapkan perubahan…</translation>
    </message>
    <message>
        <source>The change was not applied: {why}. Go back and correct it.</source>
        <translation>Perubahan belum diterapkan: {why}. Kembali dan perbaiki.</translation>
    </message>
    <message>
        <source>Nothing was changed: the answers are the ones already set up.</source>
        <translation>Tidak ada yang berubah: isiannya sama dengan yang sudah disiapkan.</translation>
    </message>
    <message>
        <source>either the server and its code, or a provisioning file, not both</source>
        <translation>isi server dan kodenya, atau file provisioning, jangan keduanya</translation>
    </message>
    <message>
        <source>type both the server address and the enrollment code, or neither</source>
        <translation>isi alamat server dan kode pendaftaran sekaligus, atau kosongkan keduanya</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>(and {n} voided, not counted)</source>
        <translation>(dan {n} dibatalkan, tidak dihitung)</translation>
    </message>
    <message>
        <source>(port {wanted} is taken on this PC, so it uses port {port})</source>
        <translation>(port {wanted} sudah dipakai di PC ini, jadi server memakai port {port})</translation>
    </message>
    <message>
        <source>(port 9100 is taken on this PC, so the virtual printer listens on port {port})</source>
        <translation>(port 9100 sudah dipakai di PC ini, jadi printer virtual memakai port {port})</translation>
    </message>
    <message>
        <source>Z report: closing of the day</source>
        <translation>LAPORAN Z: TUTUP HARI</translation>
    </message>
    <message>
        <source>Manager&apos;s signature</source>
        <translation>Tanda tangan manajer</translation>
    </message>
    <message>
        <source>Reopened afterwards: not the day&apos;s final figures</source>
        <translation>Sudah dibuka kembali: bukan angka akhir hari ini</translation>
    </message>
    <message>
        <source>exports are never written inside the data directory {dir}; choose another folder</source>
        <translation>ekspor tidak pernah ditulis di dalam folder data {dir}; pilih folder lain</translation>
    </message>
    <message>
        <source>there is no closing {n} on {day}</source>
        <translation>tidak ada penutupan ke-{n} pada {day}</translation>
    </message>
    <message>
        <source>Z report state</source>
        <translation>Status laporan Z</translation>
    </message>
    <message>
        <source>&amp;Print the Z report again</source>
        <translation>Cetak &amp;lagi laporan Z</translation>
    </message>
    <message>
        <source>Print the Z report again</source>
        <translation>Cetak lagi laporan Z</translation>
    </message>
    <message>
        <source>Closing PDF state</source>
        <translation>Status PDF penutupan</translation>
    </message>
    <message>
        <source>Close {day} now?</source>
        <translation>Tutup hari {day} sekarang?</translation>
    </message>
    <message>
        <source>&amp;Back to the count</source>
        <translation>&amp;Kembali ke hitungan</translation>
    </message>
    <message>
        <source>Back to the count</source>
        <translation>Kembali ke hitungan</translation>
    </message>
    <message>
        <source>Printing the Z report…</source>
        <translation>Mencetak laporan Z…</translation>
    </message>
    <message>
        <source>Z report NOT printed: {reason}. {remedy} The closing is saved; print it again when the printer is ready.</source>
        <translation>Laporan Z TIDAK tercetak: {reason}. {remedy} Penutupan sudah tersimpan; cetak lagi setelah printer siap.</translation>
    </message>
    <message>
        <source>Z report NOT printed: {reason}. The closing is saved; print it again when the printer is ready.</source>
        <translation>Laporan Z TIDAK tercetak: {reason}. Penutupan sudah tersimpan; cetak lagi setelah printer siap.</translation>
    </message>
    <message>
        <source>Saving the closing as PDF…</source>
        <translation>Menyimpan penutupan sebagai PDF…</translation>
    </message>
    <message>
        <source>Closing saved as PDF: {path}</source>
        <translation>Penutupan tersimpan sebagai PDF: {path}</translation>
    </message>
    <message>
        <source>Z report printed.</source>
        <translation>Laporan Z tercetak.</translation>
    </message>
    <message>
        <source>Bookings made after this go to the next day; only a manager or a technician can reopen this day.</source>
        <translation>Kiriman yang dicatat sesudahnya masuk ke hari berikutnya; hanya manajer atau teknisi yang bisa membuka kembali hari ini.</translation>
    </message>
    <message>
        <source>The closing PDF was not saved: {reason}</source>
        <translation>PDF penutupan tidak tersimpan: {reason}</translation>
    </message>
    <message>
        <source>Failure on this PC, nothing is being synced: {error}</source>
        <translation>Gangguan di PC ini, tidak ada yang tersinkron ke pusat: {error}</translation>
    </message>
    <message>
        <source>{n} refused by the server (a manager sees them in Day review)</source>
        <translation>{n} ditolak server (manajer melihatnya di Tinjauan hari)</translation>
    </message>
    <message>
        <source>this PC&apos;s database cannot be read ({error}); run outlet-pos doctor</source>
        <translation>database di PC ini tidak bisa dibaca ({error}); jalankan outlet-pos doctor</translation>
    </message>
    <message>
        <source>sync stopped on an unexpected error ({error}); details are in the log</source>
        <translation>sinkronisasi berhenti karena kesalahan tak terduga ({error}); rinciannya ada di log</translation>
    </message>
    <message>
        <source>nothing booked: the same sender, recipient and parcel were booked {minutes} min ago as waybill {waybill}; to book it again on purpose, add --allow-duplicate</source>
        <translation>tidak ada yang disimpan: pengirim, penerima dan paket yang sama sudah disimpan {minutes} menit lalu dengan resi {waybill}; kalau memang mau dibuat lagi, tambahkan --allow-duplicate</translation>
    </message>
    <message>
        <source>the same sender, recipient and parcel were booked {minutes} min ago as waybill {waybill}</source>
        <translation>pengirim, penerima dan paket yang sama sudah disimpan {minutes} menit lalu dengan resi {waybill}</translation>
    </message>
    <message>
        <source>Same parcel again?</source>
        <translation>Paket yang sama lagi?</translation>
    </message>
    <message>
        <source>The same sender, recipient and parcel were booked {minutes} min ago as waybill {waybill}. Book another shipment?</source>
        <translation>Pengirim, penerima dan paket yang sama sudah disimpan {minutes} menit lalu dengan resi {waybill}. Buat kiriman baru lagi?</translation>
    </message>
    <message>
        <source>Yes, book another</source>
        <translation>Ya, buat kiriman lagi</translation>
    </message>
    <message>
        <source>No, do not book</source>
        <translation>Tidak, jangan dibuat</translation>
    </message>
    <message>
        <source>Not booked again (waybill {waybill} stands).</source>
        <translation>Tidak dibuat lagi (resi {waybill} tetap berlaku).</translation>
    </message>
    <message>
        <source>F9 Save &amp;&amp; print</source>
        <translation>F9 Simpan &amp;&amp; cetak</translation>
    </message>
    <message>
        <source>F2 New customer</source>
        <translation>F2 Pelanggan baru</translation>
    </message>
    <message>
        <source>Esc Clear</source>
        <translation>Esc Kosongkan</translation>
    </message>
    <message>
        <source>Booked: waybill and change</source>
        <translation>Tersimpan: resi dan kembalian</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Kiriman tersimpan</translation>
    </message>
    <message>
        <source>Enter: next customer (or type the next phone number)</source>
        <translation>Enter: pelanggan berikutnya (atau langsung ketik nomor HP berikutnya)</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Mencetak…</translation>
    </message>
    <message>
        <source>Tendered</source>
        <translation>Uang diterima</translation>
    </message>
    <message>
        <source>exact amount</source>
        <translation>uang pas</translation>
    </message>
    <message>
        <source>e.g. 1.3</source>
        <translation>mis. 1,3</translation>
    </message>
    <message>
        <source>e.g. 30x20x10</source>
        <translation>mis. 30x20x10</translation>
    </message>
    <message>
        <source>e.g. clothes, books</source>
        <translation>mis. pakaian, buku</translation>
    </message>
    <message>
        <source>e.g. 50000</source>
        <translation>mis. 50000</translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation>Total bayar</translation>
    </message>
    <message>
        <source>the weight</source>
        <translation>berat</translation>
    </message>
    <message>
        <source>the size</source>
        <translation>ukuran</translation>
    </message>
    <message>
        <source>the pieces</source>
        <translation>jumlah koli</translation>
    </message>
    <message>
        <source>the declared value</source>
        <translation>nilai barang</translation>
    </message>
    <message>
        <source>the COD amount</source>
        <translation>nilai COD</translation>
    </message>
    <message>
        <source>the packing</source>
        <translation>kemasan</translation>
    </message>
    <message>
        <source>the insurance</source>
        <translation>asuransi</translation>
    </message>
    <message>
        <source>Check {field}: {problem}</source>
        <translation>Periksa {field}: {problem}</translation>
    </message>
    <message>
        <source>Check the parcel: {problem}</source>
        <translation>Periksa paket: {problem}</translation>
    </message>
    <message>
        <source>Choose the recipient&apos;s village</source>
        <translation>Pilih kelurahan penerima</translation>
    </message>
    <message>
        <source>Enter the parcel weight</source>
        <translation>Isi berat paket</translation>
    </message>
    <message>
        <source>Enter the parcel size (l x w x h cm)</source>
        <translation>Isi ukuran paket (p x l x t cm)</translation>
    </message>
    <message>
        <source>Enter the recipient&apos;s postal code or area</source>
        <translation>Isi kode pos atau daerah penerima</translation>
    </message>
    <message>
        <source>Enter the recipient&apos;s postal code (5 digits)</source>
        <translation>Isi kode pos penerima (5 angka)</translation>
    </message>
    <message>
        <source>Unknown postal code: check the recipient&apos;s postal code</source>
        <translation>Kode pos tidak dikenal: periksa kode pos penerima</translation>
    </message>
    <message>
        <source>Pricing…</source>
        <translation>Menghitung ongkir…</translation>
    </message>
    <message>
        <source>No service goes to this destination</source>
        <translation>Tidak ada layanan ke tujuan ini</translation>
    </message>
    <message>
        <source>No price: {reason}</source>
        <translation>Ongkir tidak bisa dihitung: {reason}</translation>
    </message>
    <message>
        <source>{role} place</source>
        <translation>Wilayah {role}</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Nama pengirim</translation>
    </message>
    <message>
        <source>Sender phone</source>
        <translation>HP pengirim</translation>
    </message>
    <message>
        <source>Sender e-mail</source>
        <translation>E-mail pengirim</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Alamat pengirim</translation>
    </message>
    <message>
        <source>Sender street</source>
        <translation>Jalan pengirim</translation>
    </message>
    <message>
        <source>Sender postal code</source>
        <translation>Kode pos pengirim</translation>
    </message>
    <message>
        <source>Sender village</source>
        <translation>Kelurahan/desa pengirim</translation>
    </message>
    <message>
        <source>Sender district</source>
        <translation>Kecamatan pengirim</translation>
    </message>
    <message>
        <source>Sender city or regency</source>
        <translation>Kota/kabupaten pengirim</translation>
    </message>
    <message>
        <source>Sender province</source>
        <translation>Provinsi pengirim</translation>
    </message>
    <message>
        <source>Recipient name</source>
        <translation>Nama penerima</translation>
    </message>
    <message>
        <source>Recipient phone</source>
        <translation>HP penerima</translation>
    </message>
    <message>
        <source>Recipient e-mail</source>
        <translation>E-mail penerima</translation>
    </message>
    <message>
        <source>Recipient address</source>
        <translation>Alamat penerima</translation>
    </message>
    <message>
        <source>Recipient street</source>
        <translation>Jalan penerima</translation>
    </message>
    <message>
        <source>Recipient postal code</source>
        <translation>Kode pos penerima</translation>
    </message>
    <message>
        <source>Recipient village</source>
        <translation>Kelurahan/desa penerima</translation>
    </message>
    <message>
        <source>Recipient district</source>
        <translation>Kecamatan penerima</translation>
    </message>
    <message>
        <source>Recipient city or regency</source>
        <translation>Kota/kabupaten penerima</translation>
    </message>
    <message>
        <source>Recipient province</source>
        <translation>Provinsi penerima</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>Kiriman</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Tujuan</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>Berat (kg)</translation>
    </message>
    <message>
        <source>Weight (grams)</source>
        <translation>Berat (gram)</translation>
    </message>
    <message>
        <source>Size (cm)</source>
        <translation>Ukuran (cm)</translation>
    </message>
    <message>
        <source>Length (cm)</source>
        <translation>Panjang (cm)</translation>
    </message>
    <message>
        <source>Width (cm)</source>
        <translation>Lebar (cm)</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>Tinggi (cm)</translation>
    </message>
    <message>
        <source>Number of pieces</source>
        <translation>Jumlah koli</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Isi</translation>
    </message>
    <message>
        <source>Insurance</source>
        <translation>Asuransi</translation>
    </message>
    <message>
        <source>COD amount</source>
        <translation>Nilai COD</translation>
    </message>
    <message>
        <source>Parcel packing</source>
        <translation>Kemasan</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Waybill no.</source>
        <translation>No. resi</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Retention (days)</source>
        <translation>Masa simpan (hari)</translation>
    </message>
    <message>
        <source>Print copy</source>
        <translation>Lembar cetak</translation>
    </message>
    <message>
        <source>Manager&apos;s user id</source>
        <translation>ID pengguna manajer</translation>
    </message>
    <message>
        <source>Provisioning file</source>
        <translation>File provisioning</translation>
    </message>
    <message>
        <source>Server certificate (CA) file</source>
        <translation>File sertifikat server (CA)</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Ukuran kertas</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>Frasa sandi backup</translation>
    </message>
    <message>
        <source>Retention setting (OUTLET_POS_RETENTION_DAYS)</source>
        <translation>Pengaturan masa simpan (OUTLET_POS_RETENTION_DAYS)</translation>
    </message>
    <message>
        <source>Sync warning setting (OUTLET_POS_SYNC_WARN_HOURS)</source>
        <translation>Pengaturan peringatan sinkronisasi (OUTLET_POS_SYNC_WARN_HOURS)</translation>
    </message>
    <message>
        <source>Shipment {n}: {field}</source>
        <translation>Kiriman {n}: {field}</translation>
    </message>
    <message>
        <source>Shipment {n}</source>
        <translation>Kiriman {n}</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Nomor HP</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>City or regency</source>
        <translation>Kota/kabupaten</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provinsi</translation>
    </message>
    <message>
        <source>Z report queued: print it with outlet-pos printer retry</source>
        <translation>Laporan Z masuk antrean cetak: cetak dengan outlet-pos printer retry</translation>
    </message>
    <message>
        <source>Retry with: outlet-pos printer retry {id}</source>
        <translation>Coba lagi dengan: outlet-pos printer retry {id}</translation>
    </message>
    <message>
        <source>Enro&amp;ll</source>
        <translation>&amp;Daftarkan</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Daftarkan</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nama berkas:</translation>
    </message>
    <message>
        <source>File &amp;type:</source>
        <translation>&amp;Jenis berkas:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>REPRINT {n}</source>
        <translation>CETAK ULANG {n}</translation>
    </message>
    <message>
        <source>its pages are damaged</source>
        <translation>halamannya rusak</translation>
    </message>
    <message>
        <source>it is not a database file, or its header is damaged</source>
        <translation>bukan berkas basis data, atau kepalanya rusak</translation>
    </message>
    <message>
        <source>it cannot be opened</source>
        <translation>tidak bisa dibuka</translation>
    </message>
    <message>
        <source>another program holds it</source>
        <translation>sedang dipakai program lain</translation>
    </message>
    <message>
        <source>SQLite cannot read it; the details are in the log</source>
        <translation>SQLite tidak bisa membacanya; rinciannya ada di log</translation>
    </message>
    <message>
        <source>Failure on this PC: nothing is being synced. Call the technician.</source>
        <translation>Gangguan di PC ini: tidak ada yang tersinkron ke pusat. Hubungi teknisi.</translation>
    </message>
    <message>
        <source>the label</source>
        <translation>label</translation>
    </message>
    <message>
        <source>the receipt</source>
        <translation>tanda terima</translation>
    </message>
    <message>
        <source>the outlet&apos;s copy</source>
        <translation>lembar outlet</translation>
    </message>
    <message>
        <source>Print the &amp;Z report</source>
        <translation>Cetak laporan &amp;Z</translation>
    </message>
    <message>
        <source>Print the Z report of the closing</source>
        <translation>Cetak laporan Z penutupan</translation>
    </message>
    <message>
        <source>The day is not closed: there is no Z report yet</source>
        <translation>Hari ini belum ditutup: belum ada laporan Z</translation>
    </message>
    <message>
        <source>the outlet database in {path} is in use by a running Outlet POS (the counter window or the sync service); nothing was changed. Close it, then restore</source>
        <translation>database outlet di {path} sedang dipakai Outlet POS yang berjalan (jendela kasir atau layanan sinkronisasi); tidak ada yang diubah. Tutup dulu, lalu pulihkan lagi</translation>
    </message>
    <message>
        <source>e.g. 40135 or Coblong</source>
        <translation>mis. 40135 atau Coblong</translation>
    </message>
    <message>
        <source>Price breakdown</source>
        <translation>Rincian harga</translation>
    </message>
    <message>
        <source>{whole}.{tenth} GB</source>
        <translation>{whole},{tenth} GB</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>{service}: {lines}</source>
        <translation>{service}: {lines}</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>outlet</source>
        <translation>outlet</translation>
    </message>
    <message>
        <source>drop point (agent)</source>
        <translation>agen (drop point)</translation>
    </message>
    <message>
        <source>The prices are coming: check the service, then F9 again.</source>
        <translation>Harga sedang dihitung: periksa layanannya, lalu tekan F9 lagi.</translation>
    </message>
    <message>
        <source>contains a hidden character that changes the direction of the text; retype it</source>
        <translation>berisi karakter tersembunyi yang membalik arah tulisan; ketik ulang</translation>
    </message>
    <message>
        <source>contains a hidden or control character; retype it</source>
        <translation>berisi karakter tersembunyi atau karakter kontrol; ketik ulang</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text</source>
        <translation>{file} bukan teks UTF-8</translation>
    </message>
    <message>
        <source>{file} is nested more than {n} levels deep; it is not a file of orders</source>
        <translation>{file} bersarang lebih dari {n} tingkat; ini bukan berkas pesanan</translation>
    </message>
    <message>
        <source>{file} holds a value too large or too deep to read</source>
        <translation>{file} berisi nilai yang terlalu besar atau terlalu dalam untuk dibaca</translation>
    </message>
    <message>
        <source>{file} is larger than {mb} MB; split the orders into smaller files</source>
        <translation>{file} lebih besar dari {mb} MB; bagi pesanannya ke beberapa berkas yang lebih kecil</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file</source>
        <translation>{path} adalah folder, bukan berkas</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>input standar</translation>
    </message>
    <message>
        <source>the server answered with a redirect to {location}: refused; check the server address</source>
        <translation>server menjawab dengan pengalihan ke {location}: ditolak; periksa alamat server</translation>
    </message>
    <message>
        <source>{file} is damaged (its header names no known key derivation)</source>
        <translation>{file} rusak (kepalanya tidak menyebut cara penurunan kunci yang dikenal)</translation>
    </message>
    <message>
        <source>{file} is damaged (its header holds no usable salt)</source>
        <translation>{file} rusak (kepalanya tidak berisi salt yang bisa dipakai)</translation>
    </message>
    <message>
        <source>{file} asks for scrypt parameters outside what Outlet POS accepts (N a power of two from 2^{lo} to 2^{hi}, r at most {r}, p at most {p}, {mb} MB of memory): its header was altered or it was not made by Outlet POS. Nothing was restored</source>
        <translation>{file} meminta parameter scrypt di luar batas yang diterima Outlet POS (N pangkat dua dari 2^{lo} sampai 2^{hi}, r paling besar {r}, p paling besar {p}, memori {mb} MB): kepalanya telah diubah atau berkas ini bukan buatan Outlet POS. Tidak ada yang dipulihkan</translation>
    </message>
    <message>
        <source>the folder for this file does not exist; create it or choose another</source>
        <translation>folder untuk file ini tidak ada; buat dulu foldernya atau pilih folder lain</translation>
    </message>
    <message>
        <source>the name is taken by something that is not a regular file (a folder, a link or a device); choose a new file name</source>
        <translation>nama itu sudah dipakai oleh sesuatu yang bukan file biasa (folder, tautan, atau perangkat); pilih nama file baru</translation>
    </message>
    <message>
        <source>a file of that name exists and is not a {kind} written by Outlet POS; choose another name</source>
        <translation>sudah ada file dengan nama itu dan bukan {kind} buatan Outlet POS; pilih nama lain</translation>
    </message>
    <message>
        <source>the file would be inside the data directory {dir}; output files are never written there: choose another folder</source>
        <translation>file itu akan berada di dalam folder data {dir}; file keluaran tidak pernah disimpan di sana: pilih folder lain</translation>
    </message>
    <message>
        <source>must not be one character repeated or only spaces</source>
        <translation>tidak boleh hanya satu karakter yang diulang atau spasi saja</translation>
    </message>
    <message>
        <source>must not be built from the user id</source>
        <translation>tidak boleh dibuat dari ID pengguna</translation>
    </message>
    <message>
        <source>is one of the most common passwords; choose a less guessable one</source>
        <translation>termasuk kata sandi yang paling umum; pilih yang lebih sulit ditebak</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>terlalu besar</translation>
    </message>
    <message>
        <source>nested too deep</source>
        <translation>bertingkat terlalu dalam</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>bukan JSON</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>bukan objek JSON</translation>
    </message>
    <message>
        <source>The answers file {path} is removed.</source>
        <translation>Berkas jawaban {path} sudah dihapus.</translation>
    </message>
    <message>
        <source>Remove the answers file {path}: it holds the enrollment code.</source>
        <translation>Hapus berkas jawaban {path}: isinya kode pendaftaran.</translation>
    </message>
    <message>
        <source>{path} has no [setup] section</source>
        <translation>{path} tidak punya bagian [setup]</translation>
    </message>
    <message>
        <source>the file {path} is too large</source>
        <translation>berkas {path} terlalu besar</translation>
    </message>
    <message>
        <source>no file {path}</source>
        <translation>tidak ada berkas {path}</translation>
    </message>
    <message>
        <source>cannot read {path}: {error}</source>
        <translation>tidak bisa membaca {path}: {error}</translation>
    </message>
    <message>
        <source>{path} is not an answers file ([setup] followed by name = value lines)</source>
        <translation>{path} bukan berkas jawaban ([setup] lalu baris nama = nilai)</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>harus bilangan bulat</translation>
    </message>
    <message>
        <source>must be yes or no</source>
        <translation>harus yes atau no</translation>
    </message>
    <message>
        <source>is not a setup answer</source>
        <translation>bukan jawaban penyiapan</translation>
    </message>
    <message>
        <source>Filled in from the technician&apos;s answers; check them, then Next.</source>
        <translation>Sudah diisi dari jawaban teknisi; periksa, lalu Lanjut.</translation>
    </message>
    <message>
        <source>This PC&apos;s outlet database is missing (removed or moved): nothing can be read.</source>
        <translation>Database outlet di PC ini tidak ada (terhapus atau dipindah): tidak ada yang bisa dibaca.</translation>
    </message>
    <message>
        <source>The database on this PC is damaged: this outlet&apos;s shipments cannot be read.</source>
        <translation>Database di PC ini rusak: kiriman outlet ini tidak bisa dibaca.</translation>
    </message>
    <message>
        <source>The key that unlocks this outlet&apos;s data is missing or wrong: the data cannot be read.</source>
        <translation>Kunci pembuka data outlet ini hilang atau salah: data tidak bisa dibaca.</translation>
    </message>
    <message>
        <source>This outlet&apos;s data was made by a newer Outlet POS: this version cannot use it.</source>
        <translation>Data outlet ini dibuat oleh Outlet POS yang lebih baru: versi ini tidak bisa memakainya.</translation>
    </message>
    <message>
        <source>Another program is using this outlet&apos;s database.</source>
        <translation>Database outlet ini sedang dipakai program lain.</translation>
    </message>
    <message>
        <source>Outlet POS cannot open this outlet&apos;s data.</source>
        <translation>Outlet POS tidak bisa membuka data outlet ini.</translation>
    </message>
    <message>
        <source>Outlet POS cannot open</source>
        <translation>Outlet POS tidak bisa dibuka</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Masalahnya</translation>
    </message>
    <message>
        <source>The error</source>
        <translation>Pesan kesalahan</translation>
    </message>
    <message>
        <source>Checking this PC… (a few seconds)</source>
        <translation>Memeriksa PC ini… (beberapa detik)</translation>
    </message>
    <message>
        <source>Counter staff: nothing can be booked on this PC now. Call the technician and show them this screen.</source>
        <translation>Petugas loket: kiriman belum bisa diterima di PC ini. Panggil teknisi dan tunjukkan layar ini.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Tutup</translation>
    </message>
    <message>
        <source>The doctor&apos;s checks (outlet-pos doctor):</source>
        <translation>Hasil pemeriksaan (outlet-pos doctor):</translation>
    </message>
    <message>
        <source>The checks could not run ({error}): run outlet-pos doctor in a terminal and call support.</source>
        <translation>Pemeriksaan tidak bisa dijalankan ({error}): jalankan outlet-pos doctor di terminal dan hubungi dukungan.</translation>
    </message>
    <message>
        <source>What to do: read the failed checks below and their remedies; if none helps, send outlet-pos logs bundle to support.</source>
        <translation>Yang harus dilakukan: baca pemeriksaan yang gagal di bawah beserta tindakannya; jika tidak ada yang membantu, kirim outlet-pos logs bundle ke dukungan.</translation>
    </message>
    <message>
        <source>The list could not be read</source>
        <translation>Daftar tidak bisa dibaca</translation>
    </message>
    <message>
        <source>this enrollment code is for another outlet, not outlet {outlet}: ask the head office for this outlet&apos;s code. Nothing was changed.</source>
        <translation>kode pendaftaran ini untuk outlet lain, bukan outlet {outlet}: minta kode untuk outlet ini ke kantor pusat. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>this PC may not book any more: the central server revoked it (another PC replaced it for this terminal). Book on the new PC, or have a technician enroll this one again</source>
        <translation>PC ini tidak boleh mencatat kiriman lagi: server pusat sudah mencabutnya (PC lain menggantikannya untuk terminal ini). Catat kiriman di PC yang baru, atau minta teknisi mendaftarkan ulang PC ini</translation>
    </message>
    <message>
        <source>device {device} held this terminal and is revoked now: that PC refuses to book from its next sync</source>
        <translation>perangkat {device} sebelumnya memakai terminal ini dan sekarang dicabut: PC itu menolak mencatat kiriman begitu sinkron berikutnya</translation>
    </message>
    <message>
        <source>the server gave this PC terminal {terminal}: terminal {old} was used by another PC, and one series of waybill numbers is never shared</source>
        <translation>server memberi PC ini terminal {terminal}: terminal {old} sudah dipakai PC lain, dan satu seri nomor resi tidak boleh dipakai dua PC</translation>
    </message>
    <message>
        <source>Audit log BROKEN: {reason}. Keep this database as evidence and call support.</source>
        <translation>Log audit RUSAK: {reason}. Simpan basis data ini sebagai bukti dan hubungi dukungan.</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manajer</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Teknisi</translation>
    </message>
    <message>
        <source>EDITED OUTSIDE THE APP: refused</source>
        <translation>DIUBAH DI LUAR APLIKASI: ditolak</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktif</translation>
    </message>
    <message>
        <source>User &apos;{user}&apos; is disabled: they can no longer log in. Their history stays.</source>
        <translation>Pengguna &apos;{user}&apos; dinonaktifkan: tidak bisa masuk lagi. Riwayatnya tetap tersimpan.</translation>
    </message>
    <message>
        <source>User &apos;{user}&apos; can log in again.</source>
        <translation>Pengguna &apos;{user}&apos; bisa masuk lagi.</translation>
    </message>
    <message>
        <source>User &apos;{user}&apos; is unlocked; their wrong tries start again from zero.</source>
        <translation>Kunci pengguna &apos;{user}&apos; dibuka; hitungan salah sandinya mulai lagi dari nol.</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>nonaktif</translation>
    </message>
    <message>
        <source>locked until {until} UTC</source>
        <translation>dikunci sampai {until} UTC</translation>
    </message>
    <message>
        <source>must change password</source>
        <translation>wajib ganti kata sandi</translation>
    </message>
    <message>
        <source>Temporary password for {user}: </source>
        <translation>Kata sandi sementara untuk {user}: </translation>
    </message>
    <message>
        <source>The password of &apos;{user}&apos; is reset. Give them the temporary password; they must choose their own at their next log-in.</source>
        <translation>Kata sandi &apos;{user}&apos; sudah direset. Berikan kata sandi sementara kepadanya; saat masuk berikutnya ia wajib membuat kata sandi sendiri.</translation>
    </message>
    <message>
        <source>Current password for {user}: </source>
        <translation>Kata sandi saat ini untuk {user}: </translation>
    </message>
    <message>
        <source>Password of &apos;{user}&apos; changed.</source>
        <translation>Kata sandi &apos;{user}&apos; sudah diganti.</translation>
    </message>
    <message>
        <source>user records changed outside Outlet POS: {users}</source>
        <translation>data pengguna diubah di luar Outlet POS: {users}</translation>
    </message>
    <message>
        <source>the record of user {user} was changed outside Outlet POS (its role, lock-out or state does not match its seal): refused. Keep this database as evidence and call support</source>
        <translation>data pengguna {user} diubah di luar Outlet POS (peran, kunci, atau statusnya tidak cocok dengan segelnya): ditolak. Simpan basis data ini sebagai bukti dan hubungi dukungan</translation>
    </message>
    <message>
        <source>a manager reset this password: choose a new one first (outlet-pos user passwd --user {user})</source>
        <translation>kata sandi ini direset oleh manajer: buat kata sandi baru dulu (outlet-pos user passwd --user {user})</translation>
    </message>
    <message>
        <source>must differ from the old one</source>
        <translation>harus berbeda dari yang lama</translation>
    </message>
    <message>
        <source>is you: a manager cannot do this to their own user; ask another manager</source>
        <translation>adalah Anda sendiri: manajer tidak bisa melakukan ini pada penggunanya sendiri; minta manajer lain</translation>
    </message>
    <message>
        <source>no such user</source>
        <translation>pengguna tidak ditemukan</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>Ulangi kata sandi baru</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>Kata sandi ba&amp;ru</translation>
    </message>
    <message>
        <source>&amp;Repeat new password</source>
        <translation>&amp;Ulangi kata sandi baru</translation>
    </message>
    <message>
        <source>&amp;Save and log in</source>
        <translation>&amp;Simpan dan masuk</translation>
    </message>
    <message>
        <source>Save and log in</source>
        <translation>Simpan dan masuk</translation>
    </message>
    <message>
        <source>A manager reset your password. Choose your own new password (at least 10 characters) and type it twice.</source>
        <translation>Kata sandi Anda direset oleh manajer. Buat kata sandi baru Anda sendiri (paling sedikit 10 karakter) dan ketik dua kali.</translation>
    </message>
    <message>
        <source>New user id</source>
        <translation>ID pengguna baru</translation>
    </message>
    <message>
        <source>Users message</source>
        <translation>Pesan pengguna</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Tambah pengguna…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Nonaktifkan</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktifkan</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Reset kata sandi…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Buka kunci</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Tambah pengguna</translation>
    </message>
    <message>
        <source>Reset the password of {user}</source>
        <translation>Reset kata sandi {user}</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Kata sandi sementara</translation>
    </message>
    <message>
        <source>The current database has what this backup (of {when}) lacks:</source>
        <translation>Basis data sekarang berisi data yang tidak ada di cadangan ini (dari {when}):</translation>
    </message>
    <message>
        <source>The current database cannot be read: what it holds cannot be listed. It is kept aside, not deleted.</source>
        <translation>Basis data sekarang tidak bisa dibaca, jadi isinya tidak bisa didaftar. Basis data itu disimpan terpisah, tidak dihapus.</translation>
    </message>
    <message>
        <source>{n} voids</source>
        <translation>{n} pembatalan</translation>
    </message>
    <message>
        <source>{n} day closings</source>
        <translation>{n} tutup hari</translation>
    </message>
    <message>
        <source>{n} events not yet sent to the server</source>
        <translation>{n} event belum terkirim ke pusat</translation>
    </message>
    <message>
        <source>{n} events the server already has</source>
        <translation>{n} event yang sudah diterima pusat</translation>
    </message>
    <message>
        <source>{n} audit log rows</source>
        <translation>{n} baris log audit</translation>
    </message>
    <message>
        <source>The current database, with its unsent events, is saved (encrypted) in {path}; restore it to send them</source>
        <translation>Basis data sekarang, beserta event yang belum terkirim, disimpan (terenkripsi) di {path}; pulihkan file itu untuk mengirimnya</translation>
    </message>
    <message>
        <source>a restore needs the log-in of a technician or a manager: --user NAME</source>
        <translation>pemulihan butuh login teknisi atau manajer: --user NAMA</translation>
    </message>
    <message>
        <source>restore confirmed: sync goes on</source>
        <translation>pemulihan dikonfirmasi: sinkron ke pusat berjalan lagi</translation>
    </message>
    <message>
        <source>nothing to confirm: sync is not held</source>
        <translation>tidak ada yang perlu dikonfirmasi: sinkron tidak ditahan</translation>
    </message>
    <message>
        <source>this outlet was restored from a backup that may be older than what the server has; sync is held until a technician checks it and runs outlet-pos confirm-restore --user NAME</source>
        <translation>outlet ini dipulihkan dari cadangan yang mungkin lebih lama dari data di pusat; sinkron ditahan sampai teknisi memeriksanya lalu menjalankan outlet-pos confirm-restore --user NAMA</translation>
    </message>
    <message>
        <source>the current database has {n} events the server has not received yet, and the backup lacks them; nothing was changed. Send them first (outlet-pos sync --once), or save them with --export-unsent FILE</source>
        <translation>basis data sekarang punya {n} event yang belum diterima pusat, dan cadangan ini tidak memuatnya; tidak ada yang diubah. Kirim dulu (outlet-pos sync --once), atau simpan dengan --export-unsent FILE</translation>
    </message>
    <message>
        <source>restoring this backup loses what the current database has and the backup lacks (listed above); nothing was changed. Add --confirm to restore anyway</source>
        <translation>memulihkan cadangan ini menghilangkan data yang ada di basis data sekarang tetapi tidak ada di cadangan (daftar di atas); tidak ada yang diubah. Tambahkan --confirm untuk tetap memulihkan</translation>
    </message>
    <message>
        <source>close Outlet POS, then restore the newest backup: outlet-pos restore --force --user NAME FILE (the damaged file is kept aside)</source>
        <translation>tutup Outlet POS, lalu pulihkan cadangan terbaru: outlet-pos restore --force --user NAMA FILE (file yang rusak disimpan terpisah)</translation>
    </message>
    <message>
        <source>restore the newest backup: outlet-pos restore --force --user NAME FILE</source>
        <translation>pulihkan cadangan terbaru: outlet-pos restore --force --user NAMA FILE</translation>
    </message>
    <message>
        <source>the key store {store} opens; the keys were not tried, as the database is damaged</source>
        <translation>penyimpanan kunci {store} bisa dibuka; kunci belum dicoba karena basis data rusak</translation>
    </message>
    <message>
        <source>restore the newest daily backup, which brings the keys back: outlet-pos restore --force --user NAME {file}</source>
        <translation>pulihkan cadangan harian terbaru, yang membawa kembali kuncinya: outlet-pos restore --force --user NAMA {file}</translation>
    </message>
    <message>
        <source>restored from a backup of {when} on {at}: sync is held until a technician confirms</source>
        <translation>dipulihkan pada {at} dari cadangan {when}: sinkron ditahan sampai teknisi mengonfirmasi</translation>
    </message>
    <message>
        <source>check the outlet&apos;s shipments and closings against the server, then: outlet-pos confirm-restore --user NAME</source>
        <translation>cocokkan kiriman dan tutup hari outlet dengan data di pusat, lalu: outlet-pos confirm-restore --user NAMA</translation>
    </message>
    <message>
        <source>no backup yet</source>
        <translation>belum ada cadangan</translation>
    </message>
    <message>
        <source>the current database changed after it was compared with the backup; nothing was changed. Check again</source>
        <translation>basis data sekarang berubah setelah dibandingkan dengan cadangan; tidak ada yang diubah. Periksa lagi</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Cadangan</translation>
    </message>
    <message>
        <source>The backup of {when} is intact: {n} shipments.</source>
        <translation>Cadangan {when} utuh: {n} kiriman.</translation>
    </message>
    <message>
        <source>restored outlet {outlet} terminal {terminal} from the backup of {when}</source>
        <translation>outlet {outlet} terminal {terminal} dipulihkan dari cadangan {when}</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Cadangkan sekarang</translation>
    </message>
    <message>
        <source>Daily backups</source>
        <translation>Cadangan harian</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>File cadangan</translation>
    </message>
    <message>
        <source>a backup file, e.g. on a USB stick</source>
        <translation>file cadangan, mis. di flashdisk</translation>
    </message>
    <message>
        <source>Check this backup</source>
        <translation>Periksa cadangan ini</translation>
    </message>
    <message>
        <source>Save the unsent events to</source>
        <translation>Simpan event yang belum terkirim ke</translation>
    </message>
    <message>
        <source>where to save the unsent events first (a file outside the data folder)</source>
        <translation>tempat menyimpan event yang belum terkirim dulu (file di luar folder data)</translation>
    </message>
    <message>
        <source>Restore this backup…</source>
        <translation>Pulihkan cadangan ini…</translation>
    </message>
    <message>
        <source>Backup result</source>
        <translation>Hasil cadangan</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Pulihkan</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Mencadangkan…</translation>
    </message>
    <message>
        <source>Backup written: {path} ({n} shipments)</source>
        <translation>Cadangan ditulis: {path} ({n} kiriman)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Memeriksa cadangan…</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>Pulihkan cadangan ini?</translation>
    </message>
    <message>
        <source>Restore the backup of {when}? The current database is kept aside; this window closes and Outlet POS is started again on the restored data.</source>
        <translation>Pulihkan cadangan {when}? Basis data sekarang disimpan terpisah; jendela ini ditutup dan Outlet POS dibuka lagi dengan data hasil pemulihan.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Memulihkan…</translation>
    </message>
    <message>
        <source>A daily backup is made by itself; make one now before changing anything on this PC.</source>
        <translation>Cadangan harian dibuat otomatis; buat satu sekarang sebelum mengubah apa pun di PC ini.</translation>
    </message>
    <message>
        <source>Daily backups on this PC (newest first):</source>
        <translation>Cadangan harian di PC ini (terbaru di atas):</translation>
    </message>
    <message>
        <source>Nothing of the current database is lost by restoring it.</source>
        <translation>Tidak ada data basis data sekarang yang hilang bila cadangan ini dipulihkan.</translation>
    </message>
    <message>
        <source>Say where to save the unsent events first.</source>
        <translation>Tentukan dulu tempat menyimpan event yang belum terkirim.</translation>
    </message>
    <message>
        <source>Sync to the server is held until a technician confirms the restore (outlet-pos confirm-restore).</source>
        <translation>Sinkron ke pusat ditahan sampai teknisi mengonfirmasi pemulihan (outlet-pos confirm-restore).</translation>
    </message>
    <message>
        <source>Outlet POS closes now; start it again.</source>
        <translation>Outlet POS ditutup sekarang; buka lagi.</translation>
    </message>
    <message>
        <source>Restoring it loses what the current database has and the backup lacks:</source>
        <translation>Bila dipulihkan, data yang ada di basis data sekarang tetapi tidak ada di cadangan akan hilang:</translation>
    </message>
    <message>
        <source>It loses:</source>
        <translation>Yang hilang:</translation>
    </message>
    <message>
        <source>{label}: {count} shipments ({void} void), revenue {revenue}, cash {cash}, COD {cod}</source>
        <translation>{label}: {count} kiriman ({void} batal), pendapatan {revenue}, tunai {cash}, COD {cod}</translation>
    </message>
    <message>
        <source>spreadsheet written to {path}</source>
        <translation>lembar kerja Excel ditulis ke {path}</translation>
    </message>
    <message>
        <source>give the range: --from YYYY-MM-DD --to YYYY-MM-DD</source>
        <translation>sebutkan rentang tanggalnya: --from YYYY-MM-DD --to YYYY-MM-DD</translation>
    </message>
    <message>
        <source>must be a month like 2026-11</source>
        <translation>harus berupa bulan seperti 2026-11</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Sampai</translation>
    </message>
    <message>
        <source>Cash (Rp)</source>
        <translation>Tunai (Rp)</translation>
    </message>
    <message>
        <source>Non-cash (Rp)</source>
        <translation>Nontunai (Rp)</translation>
    </message>
    <message>
        <source>COD (Rp)</source>
        <translation>COD (Rp)</translation>
    </message>
    <message>
        <source>District code</source>
        <translation>Kode kecamatan</translation>
    </message>
    <message>
        <source>Chargeable (kg)</source>
        <translation>Berat tertagih (kg)</translation>
    </message>
    <message>
        <source>Total (Rp)</source>
        <translation>Total (Rp)</translation>
    </message>
    <message>
        <source>Void reason</source>
        <translation>Alasan batal</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Diminta oleh</translation>
    </message>
    <message>
        <source>Authorised by</source>
        <translation>Disetujui oleh</translation>
    </message>
    <message>
        <source>Voided at</source>
        <translation>Dibatalkan pada</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Tersinkron ke pusat</translation>
    </message>
    <message>
        <source>Voids</source>
        <translation>Pembatalan</translation>
    </message>
    <message>
        <source>By group</source>
        <translation>Per kelompok</translation>
    </message>
    <message>
        <source>Period {start} to {end}</source>
        <translation>Periode {start} s.d. {end}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <source>must be day, week or month</source>
        <translation>harus day (harian), week (mingguan) atau month (bulanan)</translation>
    </message>
    <message>
        <source>is before the start date {start}</source>
        <translation>lebih awal dari tanggal mulai {start}</translation>
    </message>
    <message>
        <source>a report covers at most {n} days; ask for a shorter range</source>
        <translation>satu laporan paling banyak {n} hari; pilih rentang yang lebih pendek</translation>
    </message>
    <message>
        <source>Search by waybill</source>
        <translation>Cari menurut nomor resi</translation>
    </message>
    <message>
        <source>digits of the waybill</source>
        <translation>angka nomor resi</translation>
    </message>
    <message>
        <source>Search &amp;waybill</source>
        <translation>&amp;Cari resi</translation>
    </message>
    <message>
        <source>Excel w&amp;orkbook…</source>
        <translation>Ekspor E&amp;xcel…</translation>
    </message>
    <message>
        <source>Export the shipments shown as an Excel workbook</source>
        <translation>Ekspor kiriman yang tampil ke file Excel</translation>
    </message>
    <message>
        <source>Shipments of the day as an Excel workbook</source>
        <translation>Kiriman hari itu sebagai file Excel</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>Menulis file Excel…</translation>
    </message>
    <message>
        <source>{n} rows written to {path}</source>
        <translation>{n} baris ditulis ke {path}</translation>
    </message>
    <message>
        <source>Save the unsent events first to:</source>
        <translation>Simpan dulu event yang belum terkirim ke:</translation>
    </message>
    <message>
        <source>not all sent: {refused} refused by the server, {waiting} waiting; see outlet-pos sync status</source>
        <translation>belum semua dikirim ke pusat: {refused} ditolak server, {waiting} menunggu; lihat outlet-pos sync status</translation>
    </message>
    <message>
        <source>refused events</source>
        <translation>kejadian ditolak server</translation>
    </message>
    <message>
        <source>the server refused {n} events; they are not sent</source>
        <translation>server menolak {n} kejadian; kejadian itu tidak dikirim ke pusat</translation>
    </message>
    <message>
        <source>a manager reads them in Day review (by waybill, with the server&apos;s reason), fixes the cause with support, then sends them again: Send refused again, or outlet-pos sync resend-refused --user NAME</source>
        <translation>manajer melihatnya di Tinjauan hari (per nomor resi, dengan alasan dari server), memperbaiki penyebabnya bersama tim dukungan, lalu mengirim ulang: Kirim ulang yang ditolak, atau outlet-pos sync resend-refused --user NAMA</translation>
    </message>
    <message>
        <source>the server refused no event</source>
        <translation>tidak ada kejadian yang ditolak server</translation>
    </message>
    <message>
        <source>the server refused it: {reason}</source>
        <translation>ditolak server: {reason}</translation>
    </message>
    <message>
        <source>fix the cause with support, then send the refused events again (Day review, or outlet-pos sync resend-refused)</source>
        <translation>perbaiki penyebabnya bersama tim dukungan, lalu kirim ulang kejadian yang ditolak (Tinjauan hari, atau outlet-pos sync resend-refused)</translation>
    </message>
    <message>
        <source>this PC is enrolled as the wrong outlet or terminal: enroll it again with its own outlet&apos;s code (outlet-pos enroll), then send the refused events again</source>
        <translation>PC ini terdaftar sebagai outlet atau terminal yang salah: daftarkan lagi dengan kode outlet-nya sendiri (outlet-pos enroll), lalu kirim ulang kejadian yang ditolak</translation>
    </message>
    <message>
        <source>call support with the waybill: the server holds another record for it</source>
        <translation>hubungi tim dukungan dengan nomor resinya: server menyimpan catatan lain untuk resi itu</translation>
    </message>
    <message>
        <source>send again after the shipment itself is synced</source>
        <translation>kirim ulang setelah kirimannya sendiri tersinkron ke pusat</translation>
    </message>
    <message>
        <source>the server knows this PC as outlet {dev_outlet} terminal {dev_terminal}, but the shipment is of outlet {outlet} terminal {terminal}</source>
        <translation>server mengenal PC ini sebagai outlet {dev_outlet} terminal {dev_terminal}, tetapi kiriman ini milik outlet {outlet} terminal {terminal}</translation>
    </message>
    <message>
        <source>the waybill number belongs to outlet {outlet} terminal {terminal}, not to this PC</source>
        <translation>nomor resi ini milik outlet {outlet} terminal {terminal}, bukan milik PC ini</translation>
    </message>
    <message>
        <source>the server already has another shipment with this waybill number</source>
        <translation>server sudah punya kiriman lain dengan nomor resi ini</translation>
    </message>
    <message>
        <source>the waybill number is not valid (length or check digit)</source>
        <translation>nomor resi tidak sah (panjang atau digit pemeriksa salah)</translation>
    </message>
    <message>
        <source>the server already received this shipment (as another event)</source>
        <translation>server sudah menerima kiriman ini (sebagai kejadian lain)</translation>
    </message>
    <message>
        <source>the server already received this shipment with another waybill number</source>
        <translation>server sudah menerima kiriman ini dengan nomor resi lain</translation>
    </message>
    <message>
        <source>the server already received this event with different contents</source>
        <translation>server sudah menerima kejadian ini dengan isi yang berbeda</translation>
    </message>
    <message>
        <source>the void arrived before its shipment: the server has not received the shipment</source>
        <translation>pembatalan tiba sebelum kirimannya: server belum menerima kiriman itu</translation>
    </message>
    <message>
        <source>the void is of a shipment of another outlet</source>
        <translation>pembatalan ini untuk kiriman outlet lain</translation>
    </message>
    <message>
        <source>the closing is of another outlet or terminal</source>
        <translation>tutup hari ini milik outlet atau terminal lain</translation>
    </message>
    <message>
        <source>the server already has closing number {n} of this terminal</source>
        <translation>server sudah punya tutup hari nomor {n} dari terminal ini</translation>
    </message>
    <message>
        <source>the reopening is of another outlet or terminal</source>
        <translation>pembukaan kembali ini milik outlet atau terminal lain</translation>
    </message>
    <message>
        <source>the reopening of closing number {n} arrived before the closing</source>
        <translation>pembukaan kembali tutup hari nomor {n} tiba sebelum tutup harinya</translation>
    </message>
    <message>
        <source>the server does not know this kind of event (its version is older)</source>
        <translation>server belum mengenal jenis kejadian ini (versinya lebih lama)</translation>
    </message>
    <message>
        <source>the event&apos;s data is incomplete or out of range ({field})</source>
        <translation>data kejadian tidak lengkap atau di luar batas ({field})</translation>
    </message>
    <message>
        <source>the event&apos;s data is not valid for the server</source>
        <translation>data kejadian tidak sah menurut server</translation>
    </message>
    <message>
        <source>void of {waybill}</source>
        <translation>pembatalan {waybill}</translation>
    </message>
    <message>
        <source>closing of the day</source>
        <translation>tutup hari</translation>
    </message>
    <message>
        <source>reopening of the day</source>
        <translation>pembukaan kembali hari</translation>
    </message>
    <message>
        <source>{n} events were refused and are not sent. A manager sends them again in Day review once the cause is fixed.</source>
        <translation>{n} kejadian ditolak dan tidak dikirim ke pusat. Manajer mengirim ulang di Tinjauan hari setelah penyebabnya diperbaiki.</translation>
    </message>
    <message>
        <source>The server refused no event.</source>
        <translation>Tidak ada kejadian yang ditolak server.</translation>
    </message>
    <message>
        <source>refused by the server</source>
        <translation>ditolak server</translation>
    </message>
    <message>
        <source>{reason}. {remedy}</source>
        <translation>{reason}. {remedy}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>those users cannot log in; keep this database as evidence and call support</source>
        <translation>pengguna tersebut tidak bisa masuk; simpan basis data ini sebagai bukti dan hubungi dukungan</translation>
    </message>
    <message>
        <source>Restore waiting for confirmation</source>
        <translation>Pemulihan menunggu konfirmasi</translation>
    </message>
    <message>
        <source>Confirm the restore: sync may go on</source>
        <translation>Konfirmasi pemulihan: sinkron boleh jalan</translation>
    </message>
    <message>
        <source>Sync held after a restore</source>
        <translation>Sinkron ditahan setelah pemulihan</translation>
    </message>
    <message>
        <source>This outlet was restored on {at} from a backup of {when}. Check its shipments and closings against the server, then confirm: sync goes on.</source>
        <translation>Outlet ini dipulihkan pada {at} dari cadangan {when}. Cocokkan kiriman dan tutup harinya dengan data di pusat, lalu konfirmasi: sinkron berjalan lagi.</translation>
    </message>
    <message>
        <source>network {host}</source>
        <translation>jaringan {host}</translation>
    </message>
    <message>
        <source>USB {id}</source>
        <translation>USB {id}</translation>
    </message>
    <message>
        <source>serial port {port}</source>
        <translation>port serial {port}</translation>
    </message>
    <message>
        <source>file {name}</source>
        <translation>file {name}</translation>
    </message>
    <message>
        <source>{where} ({model})</source>
        <translation>{where} ({model})</translation>
    </message>
    <message>
        <source>your user is no longer active as {role}; log in again</source>
        <translation>pengguna Anda tidak lagi aktif sebagai {role}; masuk lagi</translation>
    </message>
    <message>
        <source>{file} is for outlet {other}, not outlet {outlet}: ask the head office for this outlet&apos;s file. Nothing was changed.</source>
        <translation>{file} untuk outlet {other}, bukan outlet {outlet}: minta berkas untuk outlet ini ke kantor pusat. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>terminal out of range</source>
        <translation>nomor terminal di luar batas</translation>
    </message>
    <message>
        <source>{time} {kind} {amount} by {user}</source>
        <translation>{time} {kind} {amount} oleh {user}</translation>
    </message>
    <message>
        <source>recorded: {what}</source>
        <translation>tercatat: {what}</translation>
    </message>
    <message>
        <source>float {float}, cash in {cin}, cash out {cout}</source>
        <translation>kas awal {float}, kas masuk {cin}, kas keluar {cout}</translation>
    </message>
    <message>
        <source>{day} carried over: the next day opens; close {day} before closing the next one</source>
        <translation>{day} dilanjutkan: hari berikutnya dibuka; tutup {day} sebelum menutup hari berikutnya</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>Kas awal</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Kas masuk</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Kas keluar</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>Kas awal</translation>
    </message>
    <message>
        <source>Cash sales</source>
        <translation>Penjualan tunai</translation>
    </message>
    <message>
        <source>Voided shipments</source>
        <translation>Kiriman dibatalkan</translation>
    </message>
    <message>
        <source>Cash movements</source>
        <translation>Mutasi kas</translation>
    </message>
    <message>
        <source>Note or coin</source>
        <translation>Uang kertas/logam</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Nominal</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>the business day {day} is not closed yet: a manager closes it first (outlet-pos close-day --date {day}) or carries it over (outlet-pos cash carry-over {day} --reason ...)</source>
        <translation>hari kerja {day} belum ditutup: manajer menutupnya dulu (outlet-pos close-day --date {day}) atau melanjutkannya (outlet-pos cash carry-over {day} --reason ...)</translation>
    </message>
    <message>
        <source>must be float, in or out</source>
        <translation>harus float, in atau out</translation>
    </message>
    <message>
        <source>say in a few words why the cash goes in or out</source>
        <translation>tulis singkat kenapa uang masuk atau keluar</translation>
    </message>
    <message>
        <source>is more than the drawer should hold ({amount})</source>
        <translation>lebih besar dari isi laci yang seharusnya ({amount})</translation>
    </message>
    <message>
        <source>explain in a few words why the day is carried over</source>
        <translation>tulis singkat kenapa hari ini dilanjutkan</translation>
    </message>
    <message>
        <source>the float of {day} is already recorded ({amount}); record cash in or out instead</source>
        <translation>kas awal {day} sudah dicatat ({amount}); catat kas masuk atau keluar saja</translation>
    </message>
    <message>
        <source>{day} is already closed</source>
        <translation>{day} sudah ditutup</translation>
    </message>
    <message>
        <source>{day} is already carried over</source>
        <translation>{day} sudah dilanjutkan</translation>
    </message>
    <message>
        <source>Drawer cash</source>
        <translation>Kas laci</translation>
    </message>
    <message>
        <source>Drawer cash ({key})</source>
        <translation>Kas laci ({key})</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Jenis</translation>
    </message>
    <message>
        <source>&amp;Amount (Rp)</source>
        <translation>&amp;Nominal (Rp)</translation>
    </message>
    <message>
        <source>Amount (Rp)</source>
        <translation>Nominal (Rp)</translation>
    </message>
    <message>
        <source>Cash message</source>
        <translation>Pesan kas</translation>
    </message>
    <message>
        <source>Today&apos;s cash movements</source>
        <translation>Mutasi kas hari ini</translation>
    </message>
    <message>
        <source>Cash totals</source>
        <translation>Jumlah kas</translation>
    </message>
    <message>
        <source>required: why the cash goes in or out</source>
        <translation>wajib: kenapa uang masuk atau keluar</translation>
    </message>
    <message>
        <source>Float {float} · cash in {cin} · cash out {cout}</source>
        <translation>Kas awal {float} · kas masuk {cin} · kas keluar {cout}</translation>
    </message>
    <message>
        <source>Saved: {kind} {amount}</source>
        <translation>Tersimpan: {kind} {amount}</translation>
    </message>
    <message>
        <source>What the cash expected is made of</source>
        <translation>Rincian kas seharusnya</translation>
    </message>
    <message>
        <source>Cash expected = float {float} + cash sales {sales} + cash in {cin} − cash out {cout}</source>
        <translation>Kas seharusnya = kas awal {float} + penjualan tunai {sales} + kas masuk {cin} − kas keluar {cout}</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <source>FAILED: the drawer was not told to open.</source>
        <translation>GAGAL: laci uang tidak diperintah membuka.</translation>
    </message>
    <message>
        <source>OK: the drawer pulse went to {connection} ({profile}). If the drawer did not open, check its cable is in the printer&apos;s DK port.</source>
        <translation>OK: perintah buka laci terkirim ke {connection} ({profile}). Bila laci tidak terbuka, periksa kabelnya masuk ke port DK printer.</translation>
    </message>
    <message>
        <source>drawer port</source>
        <translation>port laci</translation>
    </message>
    <message>
        <source>Wiped: {n} key(s) destroyed and {path} removed.</source>
        <translation>Terhapus: {n} kunci dihancurkan dan {path} dihapus.</translation>
    </message>
    <message>
        <source>Have the courier revoke this device at the server (outlet {outlet} terminal {terminal}): outlet-pos-central devices revoke</source>
        <translation>Minta kurir mencabut perangkat ini di server (loket {outlet} terminal {terminal}): outlet-pos-central devices revoke</translation>
    </message>
    <message>
        <source>This removes outlet {outlet} terminal {terminal} from this PC: the keys are destroyed and {path} is deleted, backups included. Unsent events: {pending}; refused: {parked}.</source>
        <translation>Ini menghapus loket {outlet} terminal {terminal} dari PC ini: kunci dihancurkan dan {path} dihapus, termasuk cadangan. Kejadian belum terkirim: {pending}; ditolak: {parked}.</translation>
    </message>
    <message>
        <source>nothing was changed; add --confirm to wipe this PC</source>
        <translation>tidak ada yang diubah; tambahkan --confirm untuk menghapus PC ini</translation>
    </message>
    <message>
        <source>{pending} events are not sent and {parked} were refused by the server: nothing is wiped. Send them first (outlet-pos sync --once) and deal with the refused ones (outlet-pos doctor)</source>
        <translation>{pending} kejadian belum terkirim dan {parked} ditolak server: tidak ada yang dihapus. Kirim dulu (outlet-pos sync --once) dan bereskan yang ditolak (outlet-pos doctor)</translation>
    </message>
    <message>
        <source>Unsent events</source>
        <translation>Kejadian belum terkirim</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Konfirmasi</translation>
    </message>
    <message>
        <source>{day} was never closed; the demo&apos;s manager carries it over (outlet-pos cash carry-over {day} --reason ... --user manajer)</source>
        <translation>{day} belum pernah ditutup; manajer demo melanjutkannya (outlet-pos cash carry-over {day} --reason ... --user manajer)</translation>
    </message>
    <message>
        <source>the business day {day} is not closed yet: a manager closes it first (Day review, or outlet-pos close-day --date {day}) or carries it over (Drawer cash F7, or outlet-pos cash carry-over {day} --reason ...)</source>
        <translation>hari kerja {day} belum ditutup: manajer menutupnya dulu (Tinjauan hari, atau outlet-pos close-day --date {day}) atau melanjutkannya (Kas laci F7, atau outlet-pos cash carry-over {day} --reason ...)</translation>
    </message>
    <message>
        <source>Day not closed</source>
        <translation>Hari belum ditutup</translation>
    </message>
    <message>
        <source>Carry the day over</source>
        <translation>Lanjutkan hari itu</translation>
    </message>
    <message>
        <source>The business day {day} was never closed: nothing can be booked today until a manager closes it (Day review) or carries it over with a reason.</source>
        <translation>Hari kerja {day} belum pernah ditutup: hari ini belum bisa mencatat kiriman sampai manajer menutupnya (Tinjauan hari) atau melanjutkannya dengan alasan.</translation>
    </message>
    <message>
        <source>The business day {day} was never closed: call the manager to close it or carry it over.</source>
        <translation>Hari kerja {day} belum pernah ditutup: panggil manajer untuk menutup atau melanjutkannya.</translation>
    </message>
    <message>
        <source>Carry {day} &amp;over (reason above)</source>
        <translation>Lanjutkan {day} (a&amp;lasan di atas)</translation>
    </message>
    <message>
        <source>{day} carried over: today opens.</source>
        <translation>{day} dilanjutkan: hari ini dibuka.</translation>
    </message>
    <message>
        <source>nothing was changed; run &apos;outlet-pos audit verify&apos; and call support</source>
        <translation>tidak ada yang diubah; jalankan &apos;outlet-pos audit verify&apos; dan hubungi dukungan</translation>
    </message>
    <message>
        <source>{where} of one row has an unknown ciphertext format</source>
        <translation>{where} pada satu baris memakai format sandi yang tidak dikenal</translation>
    </message>
    <message>
        <source>the stored tariff fails its signature check</source>
        <translation>tarif yang tersimpan gagal pemeriksaan tanda tangan</translation>
    </message>
    <message>
        <source>run &apos;outlet-pos tariffs update&apos; to fetch the signed tariff again</source>
        <translation>jalankan &apos;outlet-pos tariffs update&apos; untuk mengambil ulang tarif yang ditandatangani pusat</translation>
    </message>
    <message>
        <source>run outlet-pos doctor: it checks the key store and says what to fix</source>
        <translation>jalankan outlet-pos doctor: ia memeriksa penyimpanan kunci dan menyebutkan apa yang harus diperbaiki</translation>
    </message>
    <message>
        <source>Outlet POS fleet</source>
        <translation>Pemantauan Outlet POS</translation>
    </message>
    <message>
        <source>Outlet POS fleet — log in</source>
        <translation>Pemantauan Outlet POS — masuk</translation>
    </message>
    <message>
        <source>For the courier&apos;s IT operators. Log in with your operator account.</source>
        <translation>Untuk operator TI kurir. Masuk dengan akun operator Anda.</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Nama operator</translation>
    </message>
    <message>
        <source>Wrong operator name or password.</source>
        <translation>Nama operator atau kata sandi salah.</translation>
    </message>
    <message>
        <source>This form has expired; please log in again.</source>
        <translation>Formulir ini sudah kedaluwarsa; silakan masuk lagi.</translation>
    </message>
    <message>
        <source>Too many failed log-ins. Try again in {n} minutes.</source>
        <translation>Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {n} menit.</translation>
    </message>
    <message>
        <source>A minimum version looks like 0.2.0; it is ignored.</source>
        <translation>Versi minimum ditulis seperti 0.2.0; isian ini diabaikan.</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} hari</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} dtk</translation>
    </message>
    <message>
        <source>Show only terminals with problems</source>
        <translation>Tampilkan hanya terminal bermasalah</translation>
    </message>
    <message>
        <source>Show all terminals</source>
        <translation>Tampilkan semua terminal</translation>
    </message>
    <message>
        <source>{n} of {total} terminals, all</source>
        <translation>{n} dari {total} terminal, semua</translation>
    </message>
    <message>
        <source>{n} of {total} terminals, with problems</source>
        <translation>{n} dari {total} terminal, yang bermasalah</translation>
    </message>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Masalah</translation>
    </message>
    <message>
        <source>Terminals</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>Gangguan</translation>
    </message>
    <message>
        <source>{age} ago</source>
        <translation>{age} lalu</translation>
    </message>
    <message>
        <source>Doctor failing</source>
        <translation>Cek doctor gagal</translation>
    </message>
    <message>
        <source>No terminal has a problem.</source>
        <translation>Tidak ada terminal yang bermasalah.</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Ditahan</translation>
    </message>
    <message>
        <source>Oldest queued</source>
        <translation>Antrean tertua</translation>
    </message>
    <message>
        <source>Minimum version</source>
        <translation>Versi minimum</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Antrean</translation>
    </message>
    <message>
        <source>as of {time}</source>
        <translation>per {time}</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Terakhir terhubung</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versi</translation>
    </message>
    <message>
        <source>Logged in as {operator}</source>
        <translation>Masuk sebagai {operator}</translation>
    </message>
    <message>
        <source>No contact in {hours} h</source>
        <translation>Tidak ada kabar {hours} jam</translation>
    </message>
    <message>
        <source>Parked events</source>
        <translation>Event ditahan</translation>
    </message>
    <message>
        <source>Doctor checks failing</source>
        <translation>Cek doctor gagal</translation>
    </message>
    <message>
        <source>Old version</source>
        <translation>Versi lama</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <source>the server&apos;s outlet figures could not be read; will retry</source>
        <translation>angka outlet dari server tidak terbaca; akan dicoba lagi</translation>
    </message>
    <message>
        <source>Outlet &amp;by terminal</source>
        <translation>Seluruh &amp;outlet</translation>
    </message>
    <message>
        <source>Freshness</source>
        <translation>Data terakhir</translation>
    </message>
    <message>
        <source>{hour}:{minute}</source>
        <translation>{hour}.{minute}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>baru saja</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>{n} menit lalu</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>{n} jam lalu</translation>
    </message>
    <message>
        <source>{n} d ago</source>
        <translation>{n} hari lalu</translation>
    </message>
    <message>
        <source>{time}, {ago}</source>
        <translation>{time}, {ago}</translation>
    </message>
    <message>
        <source>live (this terminal)</source>
        <translation>langsung (terminal ini)</translation>
    </message>
    <message>
        <source>data until {moment}</source>
        <translation>data sampai {moment}</translation>
    </message>
    <message>
        <source>no data of this day yet; last contact {moment}</source>
        <translation>belum ada data tanggal ini; terakhir terhubung {moment}</translation>
    </message>
    <message>
        <source>no data of this day yet; never heard from</source>
        <translation>belum ada data tanggal ini; belum pernah terhubung</translation>
    </message>
    <message>
        <source>closed (no. {n})</source>
        <translation>ditutup (ke-{n})</translation>
    </message>
    <message>
        <source>open</source>
        <translation>belum ditutup</translation>
    </message>
    <message>
        <source>Where the other terminals&apos; figures come from</source>
        <translation>Asal angka terminal lain</translation>
    </message>
    <message>
        <source>The whole outlet&apos;s day by terminal</source>
        <translation>Angka seluruh outlet per terminal</translation>
    </message>
    <message>
        <source>The outlet&apos;s revenue by payment method</source>
        <translation>Pendapatan outlet per cara bayar</translation>
    </message>
    <message>
        <source>Revenue by payment method: {list}</source>
        <translation>Pendapatan per cara bayar: {list}</translation>
    </message>
    <message>
        <source>Terminal {n} (this one)</source>
        <translation>Terminal {n} (terminal ini)</translation>
    </message>
    <message>
        <source>Terminal {n}</source>
        <translation>Terminal {n}</translation>
    </message>
    <message>
        <source>Whole outlet</source>
        <translation>Seluruh outlet</translation>
    </message>
    <message>
        <source>{closed} of {all} closed</source>
        <translation>{closed} dari {all} ditutup</translation>
    </message>
    <message>
        <source>The other terminals&apos; figures as the central server has them now ({time}).</source>
        <translation>Angka terminal lain sesuai data server pusat saat ini ({time}).</translation>
    </message>
    <message>
        <source>The central server cannot be asked now: {why}</source>
        <translation>Server pusat tidak dapat dihubungi sekarang: {why}</translation>
    </message>
    <message>
        <source>Asking the central server…</source>
        <translation>Menghubungi server pusat…</translation>
    </message>
    <message>
        <source>The other terminals&apos; figures were fetched at {moment}: they may be out of date.</source>
        <translation>Angka terminal lain diambil {moment}: mungkin sudah berubah.</translation>
    </message>
    <message>
        <source>No figures of the other terminals yet for this day.</source>
        <translation>Belum ada angka terminal lain untuk tanggal ini.</translation>
    </message>
    <message>
        <source>Drawer cash of each terminal</source>
        <translation>Kas laci tiap terminal</translation>
    </message>
    <message>
        <source>Terminal {n}: float {float}, cash in {cash_in}, cash out {cash_out}</source>
        <translation>Terminal {n}: kas awal {float}, kas masuk {cash_in}, kas keluar {cash_out}</translation>
    </message>
    <message>
        <source>Drawer cash: {list}</source>
        <translation>Kas laci: {list}</translation>
    </message>
    <message>
        <source>The server is busy; try again in a moment.</source>
        <translation>Server sedang sibuk; coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>the first {n} shown; sort by another column to see others</source>
        <translation>{n} pertama ditampilkan; urutkan menurut kolom lain untuk melihat yang lain</translation>
    </message>
    <message>
        <source>{name}: {count} shipments ({void} void), revenue {revenue}, cash {cash}, COD {cod}</source>
        <translation>{name}: {count} kiriman ({void} batal), pendapatan {revenue}, tunai {cash}, COD {cod}</translation>
    </message>
    <message>
        <source>Outlet {n}, {day}</source>
        <translation>Outlet {n}, {day}</translation>
    </message>
    <message>
        <source>the event is older than the server keeps (created before {horizon}): the server cannot take it any more</source>
        <translation>kejadian ini lebih lama dari yang masih disimpan server (dibuat sebelum {horizon}): server tidak bisa menerimanya lagi</translation>
    </message>
    <message>
        <source>the event is too old to send: ask support to check what the server has of it (the waybill, or the day&apos;s closing)</source>
        <translation>kejadian ini sudah terlalu lama untuk dikirim: minta tim dukungan memeriksa apa yang sudah ada di server (nomor resinya, atau tutup harinya)</translation>
    </message>
    <message>
        <source>Scanned waybill {waybill}</source>
        <translation>Resi dipindai: {waybill}</translation>
    </message>
    <message>
        <source>Scanned a phone number</source>
        <translation>Nomor HP dipindai</translation>
    </message>
    <message>
        <source>Scanned a phone number: it fills the phone on New shipment</source>
        <translation>Nomor HP dipindai: hanya bisa dipakai di Kiriman baru</translation>
    </message>
    <message>
        <source>Scanned a waybill that fails its check digit: scan it again</source>
        <translation>Resi terbaca salah (digit cek tidak cocok): pindai ulang</translation>
    </message>
    <message>
        <source>Scanned: unknown code</source>
        <translation>Hasil pindai: kode tidak dikenal</translation>
    </message>
    <message>
        <source>Virtual scale ({protocol}) on {path}: outlet-pos scale use serial:{path} --profile {protocol}</source>
        <translation>Timbangan virtual ({protocol}) di {path}: outlet-pos scale use serial:{path} --profile {protocol}</translation>
    </message>
    <message>
        <source>this system has no pseudo-terminals; use a virtual serial port pair</source>
        <translation>sistem ini tidak punya pseudo-terminal; pakai sepasang port serial virtual</translation>
    </message>
    <message>
        <source>scale: {state}</source>
        <translation>timbangan: {state}</translation>
    </message>
    <message>
        <source>must be a weight, e.g. 1.5kg or 1500g</source>
        <translation>harus berupa berat, mis. 1.5kg atau 1500g</translation>
    </message>
    <message>
        <source>not understood; use: weight 2.350, motion on|off, over, under, garbage, silent, ok, tare, unplug</source>
        <translation>tidak dimengerti; pakai: weight 2.350, motion on|off, over, under, garbage, silent, ok, tare, unplug</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>stabil</translation>
    </message>
    <message>
        <source>the scale is still moving: wait until the parcel lies still</source>
        <translation>timbangan masih bergerak: tunggu sampai paket diam</translation>
    </message>
    <message>
        <source>too heavy for this scale</source>
        <translation>terlalu berat untuk timbangan ini</translation>
    </message>
    <message>
        <source>the scale shows less than zero: empty it and press zero</source>
        <translation>timbangan menunjukkan di bawah nol: kosongkan lalu tekan tombol nol</translation>
    </message>
    <message>
        <source>the scale needs zeroing: empty it and press zero</source>
        <translation>timbangan perlu dinolkan: kosongkan lalu tekan tombol nol</translation>
    </message>
    <message>
        <source>the scale reports an error</source>
        <translation>timbangan melaporkan kesalahan</translation>
    </message>
    <message>
        <source>the scale does not answer</source>
        <translation>timbangan tidak menjawab</translation>
    </message>
    <message>
        <source>the scale sends data this counter cannot read</source>
        <translation>timbangan mengirim data yang tidak bisa dibaca kasir ini</translation>
    </message>
    <message>
        <source>the scale is not connected</source>
        <translation>timbangan tidak tersambung</translation>
    </message>
    <message>
        <source>check the scale&apos;s cable and power, then weigh again; or type the weight</source>
        <translation>periksa kabel dan daya timbangan, lalu timbang lagi; atau ketik beratnya</translation>
    </message>
    <message>
        <source>switch the scale off and on again, check its profile (outlet-pos scale list); or type the weight</source>
        <translation>matikan lalu nyalakan lagi timbangan, periksa profilnya (outlet-pos scale list); atau ketik beratnya</translation>
    </message>
    <message>
        <source>choose the scale&apos;s model (outlet-pos scale use … --profile NAME) or check its speed and parity settings</source>
        <translation>pilih model timbangan (outlet-pos scale use … --profile NAMA) atau periksa setelan kecepatan dan paritasnya</translation>
    </message>
    <message>
        <source>the scale is plugged in, but this computer may not use it</source>
        <translation>timbangan sudah tercolok, tetapi komputer ini tidak diizinkan memakainya</translation>
    </message>
    <message>
        <source>give this user access to the scale (Linux: the dialout group, see scales/README.md), then unplug and replug the scale</source>
        <translation>beri pengguna ini akses ke timbangan (Linux: grup dialout, lihat scales/README.md), lalu cabut dan colok lagi timbangannya</translation>
    </message>
    <message>
        <source>must look like serial:DEV (e.g. serial:/dev/ttyUSB0, serial:COM3) or hid:VID:PID</source>
        <translation>harus berbentuk serial:DEV (mis. serial:/dev/ttyUSB0, serial:COM3) atau hid:VID:PID</translation>
    </message>
    <message>
        <source>profile {name} does not fit a {kind} connection</source>
        <translation>profil {name} tidak cocok untuk sambungan {kind}</translation>
    </message>
    <message>
        <source>hid needs vendor and product id in hex, e.g. hid:0922:8003</source>
        <translation>hid perlu id vendor dan id produk dalam heksadesimal, mis. hid:0922:8003</translation>
    </message>
    <message>
        <source>a serial scale needs its profile: --profile NAME (see outlet-pos scale list)</source>
        <translation>timbangan serial perlu profilnya: --profile NAMA (lihat outlet-pos scale list)</translation>
    </message>
    <message>
        <source>unknown scale profile {name}; choose one of: {names}</source>
        <translation>profil timbangan {name} tidak dikenal; pilih salah satu: {names}</translation>
    </message>
    <message>
        <source>Scale profiles (--profile NAME):</source>
        <translation>Profil timbangan (--profile NAMA):</translation>
    </message>
    <message>
        <source>This counter weighs on {connection} as {profile}. Try it: outlet-pos scale read</source>
        <translation>Kasir ini menimbang di {connection} sebagai {profile}. Coba: outlet-pos scale read</translation>
    </message>
    <message>
        <source>Serial ports (serial:DEV):</source>
        <translation>Port serial (serial:DEV):</translation>
    </message>
    <message>
        <source>USB HID scales attached:</source>
        <translation>Timbangan USB HID yang tercolok:</translation>
    </message>
    <message>
        <source>--profile goes with --connection</source>
        <translation>--profile dipakai bersama --connection</translation>
    </message>
    <message>
        <source>no scale is set up for this counter: outlet-pos scale use CONNECTION --profile NAME (or type the weight)</source>
        <translation>belum ada timbangan untuk kasir ini: outlet-pos scale use SAMBUNGAN --profile NAMA (atau ketik beratnya)</translation>
    </message>
    <message>
        <source>{weight}{net}: {words}</source>
        <translation>{weight}{net}: {words}</translation>
    </message>
    <message>
        <source>net</source>
        <translation>neto</translation>
    </message>
    <message>
        <source>{waybill} is not in the list of {day}; Track looks it up (Alt+A)</source>
        <translation>{waybill} tidak ada di daftar tanggal {day}; lacak lewat Pelacakan (Alt+P)</translation>
    </message>
    <message>
        <source>Reason for changing the weight</source>
        <translation>Alasan mengubah berat</translation>
    </message>
    <message>
        <source>Scale reading (grams)</source>
        <translation>Berat di timbangan (gram)</translation>
    </message>
    <message>
        <source>Weight from</source>
        <translation>Asal berat</translation>
    </message>
    <message>
        <source>the weight differs from the scale&apos;s {kg} kg: say why it was changed</source>
        <translation>berat berbeda dari timbangan ({kg} kg): tulis alasan mengubahnya</translation>
    </message>
    <message>
        <source>must be a whole number of grams above 0</source>
        <translation>harus bilangan bulat gram di atas 0</translation>
    </message>
    <message>
        <source>Loyalty card no.</source>
        <translation>No. kartu loyalitas</translation>
    </message>
    <message>
        <source>Card number pattern</source>
        <translation>Pola nomor kartu</translation>
    </message>
    <message>
        <source>Card number length</source>
        <translation>Panjang nomor kartu</translation>
    </message>
    <message>
        <source>Card number prefix</source>
        <translation>Awalan nomor kartu</translation>
    </message>
    <message>
        <source>Card check digit</source>
        <translation>Digit pengecek kartu</translation>
    </message>
    <message>
        <source>must be digits or letters-digits</source>
        <translation>harus digits atau letters-digits</translation>
    </message>
    <message>
        <source>must be a length or a range within {low}-{high}, e.g. 16 or 10-16</source>
        <translation>harus satu panjang atau rentang dalam {low}-{high}, mis. 16 atau 10-16</translation>
    </message>
    <message>
        <source>needs a card of digits only</source>
        <translation>hanya untuk kartu yang isinya angka saja</translation>
    </message>
    <message>
        <source>must be shorter than the card and of its kind of characters</source>
        <translation>harus lebih pendek dari nomor kartu dan berisi jenis karakter yang sama</translation>
    </message>
    <message>
        <source>must be a length or a range, e.g. 16 or 10-16</source>
        <translation>harus satu panjang atau rentang, mis. 16 atau 10-16</translation>
    </message>
    <message>
        <source>may hold only letters, digits, spaces and dashes</source>
        <translation>hanya boleh berisi huruf, angka, spasi dan tanda hubung</translation>
    </message>
    <message>
        <source>is too long for a card number</source>
        <translation>terlalu panjang untuk nomor kartu</translation>
    </message>
    <message>
        <source>may hold only digits</source>
        <translation>hanya boleh berisi angka</translation>
    </message>
    <message>
        <source>may hold only letters and digits</source>
        <translation>hanya boleh berisi huruf dan angka</translation>
    </message>
    <message>
        <source>must have {length} characters</source>
        <translation>harus {length} karakter</translation>
    </message>
    <message>
        <source>must have {low} to {high} characters</source>
        <translation>harus {low} sampai {high} karakter</translation>
    </message>
    <message>
        <source>must start with {prefix}</source>
        <translation>harus diawali {prefix}</translation>
    </message>
    <message>
        <source>is not a valid card number; check the digits</source>
        <translation>bukan nomor kartu yang sah; periksa lagi angkanya</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>timbangan</translation>
    </message>
    <message>
        <source>the profile, speed or parity does not fit this scale: try the others (outlet-pos scale list), then outlet-pos scale use {connection} --profile NAME</source>
        <translation>profil, kecepatan atau paritasnya tidak cocok dengan timbangan ini: coba profil lain (outlet-pos scale list), lalu outlet-pos scale use {connection} --profile NAMA</translation>
    </message>
    <message>
        <source>install the outlet-pos .deb package (it adds the udev rule {rule} and the dialout group), or: sudo usermod -aG dialout USER and log in again; then unplug and replug the scale</source>
        <translation>pasang paket .deb outlet-pos (paket itu menambah aturan udev {rule} dan grup dialout), atau: sudo usermod -aG dialout USER lalu log masuk lagi; sesudah itu cabut dan colok lagi timbangannya</translation>
    </message>
    <message>
        <source>check the scale&apos;s USB cable and power (try another USB port); outlet-pos scale list shows the HID scales this PC sees</source>
        <translation>periksa kabel USB dan daya timbangan (coba colokan USB lain); outlet-pos scale list menampilkan timbangan HID yang terlihat oleh PC ini</translation>
    </message>
    <message>
        <source>switch the scale on (or off and on again); check that its profile and speed fit it: outlet-pos scale read --connection {connection} --profile NAME</source>
        <translation>nyalakan timbangan (atau matikan lalu nyalakan lagi); pastikan profil dan kecepatannya cocok: outlet-pos scale read --connection {connection} --profile NAMA</translation>
    </message>
    <message>
        <source>{connection} answers ({profile})</source>
        <translation>{connection} menjawab ({profile})</translation>
    </message>
    <message>
        <source>close any other program that uses {connection} (a scale tool, another Outlet POS), then run outlet-pos doctor again</source>
        <translation>tutup program lain yang memakai {connection} (aplikasi timbangan, Outlet POS lain), lalu jalankan outlet-pos doctor lagi</translation>
    </message>
    <message>
        <source>check the scale&apos;s cable and power; if the port&apos;s name changed, see outlet-pos scale list and choose again: outlet-pos scale use serial:DEV --profile NAME</source>
        <translation>periksa kabel dan daya timbangan; kalau nama port-nya berubah, lihat outlet-pos scale list lalu pilih lagi: outlet-pos scale use serial:DEV --profile NAMA</translation>
    </message>
    <message>
        <source>not configured (the weight is typed); to add one: outlet-pos scale use CONNECTION --profile NAME</source>
        <translation>belum diatur (berat diketik); untuk memasang: outlet-pos scale use KONEKSI --profile NAMA</translation>
    </message>
    <message>
        <source>{connection} answers: {words}</source>
        <translation>{connection} menjawab: {words}</translation>
    </message>
    <message>
        <source>empty the scale&apos;s plate and press its zero key; if it stays, the scale needs a service</source>
        <translation>kosongkan piringan timbangan lalu tekan tombol nol; kalau masih begitu, timbangan perlu diservis</translation>
    </message>
    <message>
        <source>{connection}: {problem} ({kind})</source>
        <translation>{connection}: {problem} ({kind})</translation>
    </message>
    <message>
        <source>{connection}: the stored profile {profile} is unknown</source>
        <translation>{connection}: profil tersimpan {profile} tidak dikenal</translation>
    </message>
    <message>
        <source>choose the scale again: outlet-pos scale use {connection} --profile NAME (see outlet-pos scale list)</source>
        <translation>pilih timbangan lagi: outlet-pos scale use {connection} --profile NAMA (lihat outlet-pos scale list)</translation>
    </message>
    <message>
        <source>pre-booking {code} was already dropped off here as waybill {waybill}</source>
        <translation>pra-pesan {code} sudah diserahkan di sini dengan resi {waybill}</translation>
    </message>
    <message>
        <source>this is not a readable pre-booking QR; scan it again or type its code</source>
        <translation>QR pra-pesan ini tidak terbaca; pindai lagi atau ketik kodenya</translation>
    </message>
    <message>
        <source>this pre-booking QR is signed by a key this PC does not know yet; type its code (the PC fetches the server&apos;s keys when online)</source>
        <translation>QR pra-pesan ini ditandatangani kunci yang belum dikenal PC ini; ketik kodenya (PC mengambil kunci server saat online)</translation>
    </message>
    <message>
        <source>this pre-booking QR failed its signature check: it was altered. Do not accept it; book the parcel as a new shipment</source>
        <translation>QR pra-pesan ini gagal cek tanda tangan: isinya sudah diubah. Jangan diterima; input paket sebagai kiriman baru</translation>
    </message>
    <message>
        <source>this pre-booking has expired; book the parcel as a new shipment</source>
        <translation>pra-pesan ini sudah kedaluwarsa; input paket sebagai kiriman baru</translation>
    </message>
    <message>
        <source>a typed pre-booking code is looked up at the central server, and this PC is not enrolled; scan the customer&apos;s QR</source>
        <translation>kode pra-pesan yang diketik dicek ke server pusat, dan PC ini belum terdaftar; pindai QR pelanggan</translation>
    </message>
    <message>
        <source>the server knows no pre-booking {code}; check the code</source>
        <translation>server tidak mengenal pra-pesan {code}; periksa kodenya</translation>
    </message>
    <message>
        <source>pre-booking {code} was already dropped off as waybill {waybill}</source>
        <translation>pra-pesan {code} sudah diserahkan dengan resi {waybill}</translation>
    </message>
    <message>
        <source>this is not a pre-booking code (PB and 8 letters or digits); check it</source>
        <translation>ini bukan kode pra-pesan (PB dan 8 huruf atau angka); periksa lagi</translation>
    </message>
    <message>
        <source>the server&apos;s pre-booking keys could not be read; will retry</source>
        <translation>kunci pra-pesan dari server tidak terbaca; akan dicoba lagi</translation>
    </message>
    <message>
        <source>the server&apos;s pre-booking conflicts could not be read; will retry</source>
        <translation>daftar konflik pra-pesan dari server tidak terbaca; akan dicoba lagi</translation>
    </message>
    <message>
        <source>the server&apos;s pre-booking answer could not be read; try again</source>
        <translation>jawaban server untuk pra-pesan tidak terbaca; coba lagi</translation>
    </message>
    <message>
        <source>Pre-booked drop-off</source>
        <translation>Titipan pra-pesan</translation>
    </message>
    <message>
        <source>Reading the pre-booking…</source>
        <translation>Membaca pra-pesan…</translation>
    </message>
    <message>
        <source>Pre-booking {code} read: weigh the parcel and check it.</source>
        <translation>Pra-pesan {code} terbaca: timbang paketnya dan periksa isinya.</translation>
    </message>
    <message>
        <source>Pre-booked drop-off {code}: already paid {paid}; weigh the parcel for the difference</source>
        <translation>Titipan pra-pesan {code}: sudah dibayar {paid}; timbang paket untuk tahu selisihnya</translation>
    </message>
    <message>
        <source>Pre-booked drop-off {code}: already paid {paid}; difference {amount} to take</source>
        <translation>Titipan pra-pesan {code}: sudah dibayar {paid}; selisih {amount} ditagih</translation>
    </message>
    <message>
        <source>Refund {amount}</source>
        <translation>Kembalikan {amount}</translation>
    </message>
    <message>
        <source>Pre-booked drop-off {code}: already paid {paid}; refund {amount} to the customer</source>
        <translation>Titipan pra-pesan {code}: sudah dibayar {paid}; kembalikan {amount} ke pelanggan</translation>
    </message>
    <message>
        <source>Pre-booked drop-off {code}: already paid {paid}; nothing more to pay</source>
        <translation>Titipan pra-pesan {code}: sudah dibayar {paid}; tidak ada selisih</translation>
    </message>
    <message>
        <source>Scanned a pre-booking</source>
        <translation>Pra-pesan dipindai</translation>
    </message>
    <message>
        <source>Loyalty card no. {card}</source>
        <translation>No. kartu loyalitas {card}</translation>
    </message>
    <message>
        <source>Loyalty card numbers: {format}</source>
        <translation>Nomor kartu loyalitas: {format}</translation>
    </message>
    <message>
        <source>the sender&apos;s loyalty card</source>
        <translation>kartu loyalitas pengirim</translation>
    </message>
    <message>
        <source>F4 Weigh</source>
        <translation>F4 Timbang</translation>
    </message>
    <message>
        <source>Weigh the parcel on the scale</source>
        <translation>Timbang paket di timbangan</translation>
    </message>
    <message>
        <source>What the scale says</source>
        <translation>Kata timbangan</translation>
    </message>
    <message>
        <source>e.g. the parcel was still moving on the scale</source>
        <translation>mis. paket masih bergoyang di timbangan</translation>
    </message>
    <message>
        <source>from the scale</source>
        <translation>dari timbangan</translation>
    </message>
    <message>
        <source>typed over the scale&apos;s {kg} kg</source>
        <translation>diketik ulang, timbangan {kg} kg</translation>
    </message>
    <message>
        <source>Weigh the parcel on the scale (F4)</source>
        <translation>Timbang paket di timbangan (F4)</translation>
    </message>
    <message>
        <source>No scale is set up on this counter: type the weight. A technician sets one up with outlet-pos scale use.</source>
        <translation>Kasir ini belum punya timbangan: ketik beratnya. Teknisi memasangnya dengan outlet-pos scale use.</translation>
    </message>
    <message>
        <source>Weighing…</source>
        <translation>Menimbang…</translation>
    </message>
    <message>
        <source>{why}: type the weight, or weigh again</source>
        <translation>{why}: ketik beratnya, atau timbang lagi</translation>
    </message>
    <message>
        <source>scale {connection} as {profile}</source>
        <translation>timbangan {connection} sebagai {profile}</translation>
    </message>
    <message>
        <source>no scale was found{why}</source>
        <translation>tidak ada timbangan yang ditemukan{why}</translation>
    </message>
    <message>
        <source>plug the scale in and switch it on, then try again; or name it: --scale serial:DEV --scale-profile NAME (see outlet-pos scale list); the weight can be typed meanwhile</source>
        <translation>colokkan timbangan dan nyalakan, lalu coba lagi; atau sebutkan: --scale serial:DEV --scale-profile NAMA (lihat outlet-pos scale list); sementara itu berat bisa diketik</translation>
    </message>
    <message>
        <source>the scale was not set up: {why}</source>
        <translation>timbangan belum terpasang: {why}</translation>
    </message>
    <message>
        <source>choose it later: outlet-pos scale use CONNECTION --profile NAME</source>
        <translation>pilih nanti: outlet-pos scale use KONEKSI --profile NAMA</translation>
    </message>
    <message>
        <source>by USB id (HID scales)</source>
        <translation>menurut ID USB (timbangan HID)</translation>
    </message>
    <message>
        <source>Find sc&amp;ales</source>
        <translation>Cari &amp;timbangan</translation>
    </message>
    <message>
        <source>Scale (empty: the weight is typed)</source>
        <translation>Timbangan (kosong: berat diketik)</translation>
    </message>
    <message>
        <source>Scale profile</source>
        <translation>Profil timbangan</translation>
    </message>
    <message>
        <source>Looking for scales (a few seconds)…</source>
        <translation>Mencari timbangan (beberapa detik)…</translation>
    </message>
    <message>
        <source>found {n} scale(s); the first is chosen</source>
        <translation>ditemukan {n} timbangan; yang pertama dipilih</translation>
    </message>
    <message>
        <source>no scale found</source>
        <translation>tidak ada timbangan</translation>
    </message>
    <message>
        <source>shift {id} of {clerk}, {time}: {count} shipments, revenue {revenue}</source>
        <translation>shift {id} {clerk}, {time}: {count} kiriman, pendapatan {revenue}</translation>
    </message>
    <message>
        <source>float {float} + cash takings {takings} + cash in {cin} - cash out {cout} - refunds {refunds} = cash expected {expected}</source>
        <translation>kas awal {float} + penerimaan tunai {takings} + kas masuk {cin} - kas keluar {cout} - pengembalian {refunds} = kas seharusnya {expected}</translation>
    </message>
    <message>
        <source>shifts: {n}, cash takings {takings}, difference {diff}</source>
        <translation>shift: {n}, penerimaan tunai {takings}, selisih {diff}</translation>
    </message>
    <message>
        <source>cash counted {counted}, difference {diff}</source>
        <translation>kas dihitung {counted}, selisih {diff}</translation>
    </message>
    <message>
        <source>shift {id} opened by {clerk} with a float of {float}</source>
        <translation>shift {id} dibuka oleh {clerk} dengan kas awal {float}</translation>
    </message>
    <message>
        <source>The shift is closed. Queued for the central server.</source>
        <translation>Shift sudah ditutup. Menunggu dikirim ke server pusat.</translation>
    </message>
    <message>
        <source>handed over: {clerk} takes the drawer with {float} (shift {id})</source>
        <translation>serah terima: {clerk} memegang laci dengan {float} (shift {id})</translation>
    </message>
    <message>
        <source>A shift is still open: it was not counted</source>
        <translation>Masih ada shift yang buka: belum dihitung</translation>
    </message>
    <message>
        <source>X report saved as PDF: {path}</source>
        <translation>Laporan X disimpan sebagai PDF: {path}</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Shifts&apos; cash takings</source>
        <translation>Penerimaan tunai semua shift</translation>
    </message>
    <message>
        <source>Shifts&apos; difference</source>
        <translation>Selisih semua shift</translation>
    </message>
    <message>
        <source>Cash takings</source>
        <translation>Penerimaan tunai</translation>
    </message>
    <message>
        <source>X report: shift of {clerk}</source>
        <translation>Laporan X: shift {clerk}</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>Dibuka pada</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Penjualan</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Pengembalian uang</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Tanda tangan</translation>
    </message>
    <message>
        <source>still open ({at})</source>
        <translation>masih buka ({at})</translation>
    </message>
    <message>
        <source>Handed over to</source>
        <translation>Diserahkan kepada</translation>
    </message>
    <message>
        <source>Shift still open: figures so far, not counted</source>
        <translation>Shift masih buka: angka sampai saat ini, belum dihitung</translation>
    </message>
    <message>
        <source>no shift is open on this terminal: open one first (Shift, Shift+F7, or outlet-pos shift open --float AMOUNT)</source>
        <translation>belum ada shift yang buka di terminal ini: buka dulu (Shift, Shift+F7, atau outlet-pos shift open --float JUMLAH)</translation>
    </message>
    <message>
        <source>{clerk}&apos;s shift is still open on this terminal: close it or hand it over first</source>
        <translation>shift {clerk} masih buka di terminal ini: tutup atau serah terimakan dulu</translation>
    </message>
    <message>
        <source>hand the drawer to another user, not to yourself</source>
        <translation>serahkan laci ke pengguna lain, bukan ke diri sendiri</translation>
    </message>
    <message>
        <source>no shift is open on this terminal</source>
        <translation>belum ada shift yang buka di terminal ini</translation>
    </message>
    <message>
        <source>this is {clerk}&apos;s shift: they count it, or a manager does</source>
        <translation>ini shift {clerk}: dia sendiri yang menghitung, atau manajer</translation>
    </message>
    <message>
        <source>there is no shift {id} on this terminal</source>
        <translation>tidak ada shift {id} di terminal ini</translation>
    </message>
    <message>
        <source>no shift was opened on this terminal</source>
        <translation>belum pernah ada shift dibuka di terminal ini</translation>
    </message>
    <message>
        <source>Shift state</source>
        <translation>Keadaan shift</translation>
    </message>
    <message>
        <source>Float in the &amp;drawer</source>
        <translation>Kas &amp;awal di laci</translation>
    </message>
    <message>
        <source>O&amp;pen the shift</source>
        <translation>B&amp;uka shift</translation>
    </message>
    <message>
        <source>Open the shift</source>
        <translation>Buka shift</translation>
    </message>
    <message>
        <source>Next clerk&apos;s user id</source>
        <translation>ID pengguna kasir berikutnya</translation>
    </message>
    <message>
        <source>Next clerk&apos;s password</source>
        <translation>Kata sandi kasir berikutnya</translation>
    </message>
    <message>
        <source>Next clerk&apos;s &amp;user id</source>
        <translation>&amp;ID pengguna kasir berikutnya</translation>
    </message>
    <message>
        <source>Next clerk&apos;s pass&amp;word</source>
        <translation>Kata sa&amp;ndi kasir berikutnya</translation>
    </message>
    <message>
        <source>Close the &amp;shift</source>
        <translation>&amp;Tutup shift</translation>
    </message>
    <message>
        <source>Close the shift</source>
        <translation>Tutup shift</translation>
    </message>
    <message>
        <source>&amp;Hand over</source>
        <translation>Se&amp;rah terima</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Serah terima</translation>
    </message>
    <message>
        <source>Shift message</source>
        <translation>Pesan shift</translation>
    </message>
    <message>
        <source>X report PDF state</source>
        <translation>Keadaan PDF laporan X</translation>
    </message>
    <message>
        <source>Shift of {clerk} since {time}: float {float} + cash takings {takings} + cash in {cin} − cash out {cout} − refunds {refunds}</source>
        <translation>Shift {clerk} sejak {time}: kas awal {float} + penerimaan tunai {takings} + kas masuk {cin} − kas keluar {cout} − pengembalian {refunds}</translation>
    </message>
    <message>
        <source>Shift opened for {clerk} with a float of {float}.</source>
        <translation>Shift dibuka untuk {clerk} dengan kas awal {float}.</translation>
    </message>
    <message>
        <source>Closing the shift…</source>
        <translation>Menutup shift…</translation>
    </message>
    <message>
        <source>Handing over…</source>
        <translation>Serah terima…</translation>
    </message>
    <message>
        <source>Shift closed: counted {counted}, difference {diff}.</source>
        <translation>Shift ditutup: dihitung {counted}, selisih {diff}.</translation>
    </message>
    <message>
        <source>Handed over: {clerk} takes the drawer with {float}. Difference {diff}.</source>
        <translation>Serah terima selesai: {clerk} memegang laci dengan {float}. Selisih {diff}.</translation>
    </message>
    <message>
        <source>Saving the X report as PDF…</source>
        <translation>Menyimpan laporan X sebagai PDF…</translation>
    </message>
    <message>
        <source>No shift is open on this terminal.</source>
        <translation>Belum ada shift yang buka di terminal ini.</translation>
    </message>
    <message>
        <source>The next clerk types their user id and password here.</source>
        <translation>Kasir berikutnya mengetik ID pengguna dan kata sandinya di sini.</translation>
    </message>
    <message>
        <source>Shift: {clerk}</source>
        <translation>Shift: {clerk}</translation>
    </message>
    <message>
        <source>No shift open</source>
        <translation>Tidak ada shift buka</translation>
    </message>
    <message>
        <source>The X report PDF was not saved: {reason}</source>
        <translation>PDF laporan X tidak tersimpan: {reason}</translation>
    </message>
    <message>
        <source>(no virtual scale on this system: {why}; the weight is typed)</source>
        <translation>(tidak ada timbangan virtual di sistem ini: {why}; berat diketik)</translation>
    </message>
    <message>
        <source>virtual scale ({protocol}) on {connection}: it reads {grams} g</source>
        <translation>timbangan virtual ({protocol}) di {connection}: terbaca {grams} g</translation>
    </message>
    <message>
        <source>&amp;Loyalty card no.</source>
        <translation>No. kartu loyalitas (&amp;V)</translation>
    </message>
    <message>
        <source>optional, e.g. 8800 1234 5678 9012</source>
        <translation>boleh kosong, mis. 8800 1234 5678 9012</translation>
    </message>
    <message>
        <source>loyalty card no.</source>
        <translation>no. kartu loyalitas</translation>
    </message>
    <message>
        <source>no hold: may be erased</source>
        <translation>tidak ada penahanan: boleh dihapus</translation>
    </message>
    <message>
        <source>Copy written to {path}: {n} shipments.</source>
        <translation>Salinan disimpan di {path}: {n} kiriman.</translation>
    </message>
    <message>
        <source>Corrected {field} of {waybill}; the server is told at the next sync.</source>
        <translation>{field} pada resi {waybill} sudah dikoreksi; server diberi tahu saat sinkron berikutnya.</translation>
    </message>
    <message>
        <source>Erased: {n} shipments; the server is told at the next sync.</source>
        <translation>Dihapus: {n} kiriman; server diberi tahu saat sinkron berikutnya.</translation>
    </message>
    <message>
        <source>No shipment with that phone number.</source>
        <translation>Tidak ada kiriman dengan nomor HP itu.</translation>
    </message>
    <message>
        <source>Kept, a legal hold applies: {n} shipments.</source>
        <translation>Tetap disimpan karena ada penahanan hukum: {n} kiriman.</translation>
    </message>
    <message>
        <source>Another program held the database: the erased pages leave its log when it closes.</source>
        <translation>Program lain sedang memakai database: halaman yang dihapus keluar dari log-nya setelah program itu ditutup.</translation>
    </message>
    <message>
        <source>not yet sent to the server; sync first</source>
        <translation>belum terkirim ke server; sinkronkan dulu</translation>
    </message>
    <message>
        <source>not yet delivered: the addresses are needed to deliver it</source>
        <translation>belum sampai: alamatnya masih dibutuhkan untuk mengantar</translation>
    </message>
    <message>
        <source>cash on delivery not yet settled</source>
        <translation>COD belum selesai dibayarkan</translation>
    </message>
    <message>
        <source>its personal data was erased; there is nothing to correct</source>
        <translation>data pribadinya sudah dihapus; tidak ada yang bisa dikoreksi</translation>
    </message>
    <message>
        <source>is void; a void shipment is not delivered, so it is not corrected</source>
        <translation>sudah batal; kiriman batal tidak diantar, jadi tidak dikoreksi</translation>
    </message>
    <message>
        <source>was already handed over; a correction is only for a parcel on its way</source>
        <translation>paket sudah diserahkan; koreksi hanya untuk paket yang masih dalam perjalanan</translation>
    </message>
    <message>
        <source>is not yet at the server; sync first, then correct it</source>
        <translation>belum ada di server; sinkronkan dulu, lalu koreksi</translation>
    </message>
    <message>
        <source>must be one of {fields}</source>
        <translation>harus salah satu dari {fields}</translation>
    </message>
    <message>
        <source>give the request&apos;s reference, e.g. the letter&apos;s number</source>
        <translation>isi referensi permintaan, misalnya nomor suratnya</translation>
    </message>
    <message>
        <source>Copy of a customer&apos;s data</source>
        <translation>Salinan data pelanggan</translation>
    </message>
    <message>
        <source>Every shipment at this outlet whose sender or recipient has the phone number {phone}, and everything stored about it. Request reference: {ref}.</source>
        <translation>Semua kiriman di outlet ini yang pengirim atau penerimanya memakai nomor HP {phone}, beserta semua data yang disimpan tentangnya. Referensi permintaan: {ref}.</translation>
    </message>
    <message>
        <source>The figures (amounts, weights, dates) are kept {years} years for the tax office; names, addresses and phones are removed on request once no legal hold applies. The other party of each shipment is shown masked.</source>
        <translation>Angka-angkanya (jumlah uang, berat, tanggal) disimpan {years} tahun untuk keperluan pajak; nama, alamat dan HP dihapus atas permintaan bila tidak ada penahanan hukum. Data pihak lain pada tiap kiriman ditampilkan tersamar.</translation>
    </message>
    <message>
        <source>Booked at</source>
        <translation>Waktu pemesanan</translation>
    </message>
    <message>
        <source>From district</source>
        <translation>Kecamatan asal</translation>
    </message>
    <message>
        <source>To district</source>
        <translation>Kecamatan tujuan</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>Isi paket</translation>
    </message>
    <message>
        <source>Cash on delivery</source>
        <translation>COD (bayar di tempat)</translation>
    </message>
    <message>
        <source>Figures kept until</source>
        <translation>Angka disimpan sampai</translation>
    </message>
    <message>
        <source>Kept because</source>
        <translation>Disimpan karena</translation>
    </message>
    <message>
        <source>Waybill {waybill}</source>
        <translation>Resi {waybill}</translation>
    </message>
    <message>
        <source>No shipment with this phone number is stored here.</source>
        <translation>Tidak ada kiriman dengan nomor HP ini yang tersimpan di sini.</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Data pribadi</translation>
    </message>
    <message>
        <source>erased</source>
        <translation>sudah dihapus</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Isi lama</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>Dikoreksi</translation>
    </message>
    <message>
        <source>Removed on</source>
        <translation>Dihapus pada</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>Koreksi</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Tempat</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Pelacakan</translation>
    </message>
    <message>
        <source>the pre-booking code was already used for another waybill (see the pre-booking conflicts)</source>
        <translation>kode pra-pesan sudah dipakai untuk resi lain (lihat konflik pra-pesan)</translation>
    </message>
    <message>
        <source>no hold: may be erased on request</source>
        <translation>tidak ada penahanan: boleh dihapus atas permintaan</translation>
    </message>
    <message>
        <source>the customer&apos;s app payment went to the other waybill: take the full price for this one, or void it; sending it again will not help</source>
        <translation>pembayaran pelanggan di aplikasi sudah terpakai untuk resi lain: tagih harga penuh untuk resi ini, atau batalkan; mengirim ulang tidak membantu</translation>
    </message>
    <message>
        <source>give the new e-mail address</source>
        <translation>isi alamat e-mail yang baru</translation>
    </message>
    <message>
        <source>Field to correct</source>
        <translation>Kolom yang dikoreksi</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Isi baru</translation>
    </message>
    <message>
        <source>Request reference</source>
        <translation>Referensi permintaan</translation>
    </message>
    <message>
        <source>Customer requests</source>
        <translation>Permintaan pelanggan</translation>
    </message>
    <message>
        <source>Customer&apos;s phone</source>
        <translation>HP pelanggan</translation>
    </message>
    <message>
        <source>e.g. 0812 3456 7890</source>
        <translation>mis. 0812 3456 7890</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>e.g. the letter&apos;s number</source>
        <translation>mis. nomor suratnya</translation>
    </message>
    <message>
        <source>The customer&apos;s shipments</source>
        <translation>Kiriman pelanggan</translation>
    </message>
    <message>
        <source>Customer request message</source>
        <translation>Pesan permintaan pelanggan</translation>
    </message>
    <message>
        <source>File for the copy</source>
        <translation>Berkas salinan</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Give a copy (PDF)</source>
        <translation>Beri salinan (PDF)</translation>
    </message>
    <message>
        <source>Correct the selected shipment</source>
        <translation>Koreksi kiriman yang dipilih</translation>
    </message>
    <message>
        <source>Erase the customer&apos;s data…</source>
        <translation>Hapus data pelanggan…</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Sedang diproses…</translation>
    </message>
    <message>
        <source>Save the customer&apos;s copy</source>
        <translation>Simpan salinan pelanggan</translation>
    </message>
    <message>
        <source>Choose the shipment to correct in the list first.</source>
        <translation>Pilih dulu kiriman yang mau dikoreksi di daftar.</translation>
    </message>
    <message>
        <source>Press again to erase: this cannot be undone</source>
        <translation>Tekan sekali lagi untuk menghapus: tidak bisa dibatalkan</translation>
    </message>
    <message>
        <source>{n} shipments with this phone number.</source>
        <translation>{n} kiriman dengan nomor HP ini.</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>Kept by the server</source>
        <translation>Dipakai (diterima server)</translation>
    </message>
    <message>
        <source>Refused (parked)</source>
        <translation>Ditolak (ditahan)</translation>
    </message>
    <message>
        <source>Noted at</source>
        <translation>Dicatat</translation>
    </message>
    <message>
        <source>Pre-booking codes used twice</source>
        <translation>Kode pra-pesan terpakai dua kali</translation>
    </message>
    <message>
        <source>Pre-booking conflicts</source>
        <translation>Konflik pra-pesan</translation>
    </message>
    <message>
        <source>(the server does not know this code)</source>
        <translation>(kode ini tidak dikenal server)</translation>
    </message>
    <message>
        <source>outlet {outlet}: {waybill}</source>
        <translation>outlet {outlet}: {waybill}</translation>
    </message>
    <message>
        <source>{n} pre-booking codes were used twice or are unknown to the server. The refused waybill is parked at its outlet: take the full price for it, or void it.</source>
        <translation>{n} kode pra-pesan terpakai dua kali atau tidak dikenal server. Resi yang ditolak ditahan di outletnya: tagih harga penuh, atau batalkan resinya.</translation>
    </message>
    <message>
        <source>Weight typed over the scale</source>
        <translation>Berat diketik ulang</translation>
    </message>
    <message>
        <source>Weight typed over the scale&apos;s reading; the reason is kept in the audit log</source>
        <translation>Berat diketik ulang, berbeda dari timbangan; alasannya tercatat di log audit</translation>
    </message>
    <message>
        <source>Copy to the file</source>
        <translation>Salinan ke berkas</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Koreksi</translation>
    </message>
    <message>
        <source>Pre-booking code (PB and 8 letters or digits):</source>
        <translation>Kode pra-pesan (PB dan 8 huruf atau angka):</translation>
    </message>
    <message>
        <source>Shift ({key})</source>
        <translation>Shift ({key})</translation>
    </message>
    <message>
        <source>total {total}, already paid {paid}</source>
        <translation>total {total}, sudah dibayar {paid}</translation>
    </message>
    <message>
        <source>booked {waybill} from pre-booking {code}</source>
        <translation>resi {waybill} dibuat dari pra-pesan {code}</translation>
    </message>
    <message>
        <source>refund {amount} to the customer</source>
        <translation>kembalikan {amount} ke pelanggan</translation>
    </message>
    <message>
        <source>take {amount}</source>
        <translation>tagih {amount}</translation>
    </message>
    <message>
        <source>weighed on the scale: {grams} g</source>
        <translation>ditimbang: {grams} g</translation>
    </message>
    <message>
        <source>typed over the scale&apos;s {grams} g; reason: {reason}</source>
        <translation>diketik ulang, timbangan {grams} g; alasan: {reason}</translation>
    </message>
    <message>
        <source>Clerk&apos;s shift</source>
        <translation>Sif kasir</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Simpan semua</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ya</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ya untuk &amp;semua</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Tidak</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>T&amp;idak untuk semua</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Batalkan</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Coba lagi</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Atur ulang</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Kembalikan bawaan</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Kembali</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Lanjut</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Lanjut &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Selesai</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Siapkan</translation>
    </message>
    <message>
        <source>Go Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Nama berkas:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Jenis berkas:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Maju</translation>
    </message>
    <message>
        <source>Parent Directory</source>
        <translation>Folder di atasnya</translation>
    </message>
    <message>
        <source>Create New Folder</source>
        <translation>Buat folder baru</translation>
    </message>
    <message>
        <source>List View</source>
        <translation>Tampilan daftar</translation>
    </message>
    <message>
        <source>Detail View</source>
        <translation>Tampilan rinci</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Hapus</translation>
    </message>
    <message>
        <source>&amp;New Folder</source>
        <translation>Folder &amp;baru</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Folder baru</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Ganti nama</translation>
    </message>
    <message>
        <source>Show &amp;hidden files</source>
        <translation>Tampilkan berkas &amp;tersembunyi</translation>
    </message>
    <message>
        <source>Show Size</source>
        <translation>Tampilkan ukuran</translation>
    </message>
    <message>
        <source>Show Type</source>
        <translation>Tampilkan jenis</translation>
    </message>
    <message>
        <source>Show Date Modified</source>
        <translation>Tampilkan tanggal diubah</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>Panel samping</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>Simpan sebagai</translation>
    </message>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 sudah ada.
Ganti dengan yang baru?</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Date Modified</source>
        <translation>Tanggal diubah</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>Berkas %1</translation>
    </message>
</context>
</TS>

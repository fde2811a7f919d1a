#include "services/invoice_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace jaring::services {
namespace {

using domain::Period;

class InvoiceFileTest : public ::testing::Test {
 protected:
  std::filesystem::path Write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("jaring-invoice-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(InvoiceFileTest, ReadsHeaderVariantsAndRupiahNotations) {
  const auto path = Write("tagihan.csv",
                          "TAGIHAN IURAN BPJS KETENAGAKERJAAN\n"
                          "No;No. KTP;Nomor Peserta;Nama Peserta;Periode;Jumlah Iuran\n"
                          "1;'3514010101800001;KPJ0000001;Sutrisno;Oktober 2025;Rp 16.800\n"
                          "2;3514010101800002;KPJ0000002;Siti Aminah;10/2025;16.800\n"
                          "3;3514 0101 0180 0003;KPJ0000003;Mat Saleh;2025-10;16800\n"
                          ";;;TOTAL;;Rp 50.400\n");
  auto invoice = ReadInvoiceFile(path, "tagihan.csv", Period(2025, 10));
  ASSERT_TRUE(invoice) << invoice.error().message;
  ASSERT_EQ(invoice->rows.size(), 3u);
  EXPECT_EQ(invoice->rows[0].nik, "3514010101800001");
  EXPECT_EQ(invoice->rows[2].nik, "3514010101800003");
  EXPECT_EQ(invoice->rows[1].kpj, "KPJ0000002");
  EXPECT_EQ(invoice->rows[1].amount, 16'800);
  EXPECT_EQ(invoice->total, 50'400);
  EXPECT_EQ(invoice->stated_total, 50'400);
  EXPECT_FALSE(invoice->checksum.empty());
}

TEST_F(InvoiceFileTest, SumsJkkAndJkmWhenThereIsNoAmountColumn) {
  const auto path =
      Write("parts.csv", "NIK,KPJ,JKK,JKM\n3514010101800001,KPJ0000001,10.000,6.800\n");
  auto invoice = ReadInvoiceFile(path, "parts.csv", Period(2025, 10));
  ASSERT_TRUE(invoice) << invoice.error().message;
  EXPECT_EQ(invoice->rows.at(0).amount, 16'800);
}

TEST_F(InvoiceFileTest, RefusesWhatItCannotTrust) {
  struct Case {
    const char* text;
    const char* says;
  } cases[] = {
      {"NIK,KPJ,Iuran\n3514010101800001,KPJ0000001,16.800\n,,\nTotal,,20.000\n", "tidak berjumlah"},
      {"NIK,KPJ,Periode,Iuran\n3514010101800001,KPJ0000001,September 2025,16800\n",
       "September 2025"},
      {"NIK,KPJ,Iuran\n3514010101800001,KPJ0000001,\"16,8\"\n", "baris 2"},
      {"NIK,KPJ,Iuran\n3514010101800001,KPJ0000001,enam belas ribu\n", "rupiah utuh"},
      {"NIK,Nama\n3514010101800001,Sutrisno\n", "jumlah iuran"},
      {"Nama,Iuran\nSutrisno,16800\n", "NIK atau No. KPJ"},
      {"NIK,KPJ,Iuran\n", "tidak berisi"},
      {"NIK,KPJ,Iuran\n3514010101800001,KPJ0000001,-16800\n", "negatif"},
      {"NIK,KPJ,Iuran\n,,16800\n", "tanpa NIK"},
  };
  for (const auto& c : cases) {
    const auto path = Write("bad.csv", c.text);
    auto invoice = ReadInvoiceFile(path, "bad.csv", Period(2025, 10));
    ASSERT_FALSE(invoice) << c.text;
    EXPECT_NE(invoice.error().message.find(c.says), std::string::npos) << invoice.error().message;
  }
}

TEST(InvoiceMonthTest, ReadsTheWaysInvoicesWriteAMonth) {
  EXPECT_EQ(ParseInvoiceMonth("2025-10"), Period(2025, 10));
  EXPECT_EQ(ParseInvoiceMonth("10/2025"), Period(2025, 10));
  EXPECT_EQ(ParseInvoiceMonth("1-2026"), Period(2026, 1));
  EXPECT_EQ(ParseInvoiceMonth("Oktober 2025"), Period(2025, 10));
  EXPECT_EQ(ParseInvoiceMonth("OKT-2025"), Period(2025, 10));
  EXPECT_EQ(ParseInvoiceMonth("Agustus 2025"), Period(2025, 8));
  EXPECT_EQ(ParseInvoiceMonth("Okt 25"), std::nullopt);  // a two-digit year: ambiguous
  EXPECT_EQ(ParseInvoiceMonth("13/2025"), std::nullopt);
  EXPECT_EQ(ParseInvoiceMonth("kemarin"), std::nullopt);
}

}  // namespace
}  // namespace jaring::services

// Files through the API: which requests are uploads, the uploaded file's name, temporary files
// and downloads, as the import and verval routes use them.
#include "http/file_transfer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>

#include "http/import_routes.hpp"
#include "http/verval_routes.hpp"

namespace jaring::http {
namespace {

namespace fs = std::filesystem;

TEST(IsRegencyUploadTest, OnlyThePostIntoTheCollectionOfARegency) {
  struct Case {
    Method method;
    std::string_view target;
    std::string_view collection;
    bool expected;
  };
  const Case cases[] = {
      {Method::kPost, "/api/v1/regencies/35.14/extracts", "extracts", true},
      {Method::kPost, "/api/v1/regencies/35.14/extracts?kind=deaths&period=2025-10", "extracts",
       true},
      {Method::kPost, "/api/v1/regencies/35.14/imports", "extracts", false},
      {Method::kGet, "/api/v1/regencies/35.14/extracts", "extracts", false},
      {Method::kPost, "/api/v1/regencies/35.14/extractsx", "extracts", false},
      {Method::kPost, "/api/v1/regencies/35.14/extract", "extracts", false},
      {Method::kPost, "/api/v1/regencies/35.14x/extracts", "extracts", false},
      {Method::kPost, "/api/v1/regencies/35.1/extracts", "extracts", false},
      {Method::kPost, "/api/v1/regencies/35.14/verval/runs", "extracts", false},
      {Method::kPost, "/api/v1/session", "extracts", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsRegencyUpload(c.method, c.target, c.collection), c.expected) << c.target;
  }
  // The two upload routes, each only its own.
  EXPECT_TRUE(IsExtractUpload(Method::kPost, "/api/v1/regencies/35.14/extracts?kind=members"));
  EXPECT_FALSE(IsExtractUpload(Method::kPost, "/api/v1/regencies/35.14/imports"));
  EXPECT_TRUE(IsImportUpload(Method::kPost, "/api/v1/regencies/35.14/imports?source=x"));
  EXPECT_FALSE(IsImportUpload(Method::kPost, "/api/v1/regencies/35.14/extracts"));
}

Request WithName(std::optional<std::string> header, std::optional<std::string> query) {
  Request request;
  if (header) request.headers.emplace_back("x-file-name", *header);
  if (query) request.query["file_name"] = *query;
  return request;
}

TEST(UploadFileNameTest, HeaderDecodedElseQueryElseEmpty) {
  auto from_header = UploadFileName(WithName("daftar%20desa%20%28Okt%29.xlsx", "ignored.csv"));
  ASSERT_TRUE(from_header);
  EXPECT_EQ(*from_header, "daftar desa (Okt).xlsx");
  auto plus = UploadFileName(WithName("a+b.csv", std::nullopt));
  ASSERT_TRUE(plus);
  EXPECT_EQ(*plus, "a+b.csv");  // a header is not a query: '+' stays
  auto from_query = UploadFileName(WithName(std::nullopt, "kematian oktober.csv"));
  ASSERT_TRUE(from_query);
  EXPECT_EQ(*from_query, "kematian oktober.csv");
  // A name is never a path: only its last part is kept, without control bytes (formats::SafeFileName).
  auto traversal = UploadFileName(WithName("..%2F..%2Fetc%2Fpasswd", std::nullopt));
  ASSERT_TRUE(traversal);
  EXPECT_EQ(*traversal, "passwd");
  auto windows = UploadFileName(WithName(std::nullopt, "C:\\data\\daftar\r\n.csv"));
  ASSERT_TRUE(windows);
  EXPECT_EQ(*windows, "daftar.csv");
  auto none = UploadFileName(WithName(std::nullopt, std::nullopt));
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, "");
  for (const char* bad : {"daftar%2", "daftar%zz.csv", "a%00b.csv"}) {
    auto refused = UploadFileName(WithName(bad, std::nullopt));
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().message, "X-File-Name tidak valid");
  }
}

TEST(SaveUploadTest, TheBodyInATemporaryFileRemovedWithIt) {
  Request request;
  constexpr char kBytes[] = "nik;nama\n3514015705800001;SITI\0x";
  request.body = std::string(kBytes, sizeof kBytes - 1);
  fs::path kept;
  {
    auto file = SaveUpload(request, "ekstrak");
    ASSERT_TRUE(file) << file.error().ToString();
    kept = file->path();
    EXPECT_TRUE(kept.filename().string().ends_with("-ekstrak")) << kept;
    auto bytes = ReadWholeFile(kept);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(*bytes, request.body);  // byte for byte, NUL included
    // Moved, the file stays until its new owner goes.
    TempFile moved(std::move(*file));
    EXPECT_EQ(moved.path(), kept);
    EXPECT_TRUE(fs::exists(kept));
  }
  EXPECT_FALSE(fs::exists(kept));
  // Two uploads never share a file.
  auto a = SaveUpload(request, "x"), b = SaveUpload(request, "x");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->path(), b->path());

  Request empty;
  auto refused = SaveUpload(empty, "ekstrak");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().message, "Berkas kosong");
}

TEST(ReadWholeFileTest, AMissingFileIsUnavailable) {
  TempFile never_written("hilang");
  auto read = ReadWholeFile(never_written.path());
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::kUnavailable);
}

TEST(AttachmentTest, NamedAndNeverCached) {
  const Response response = Attachment("application/pdf", "%PDF-1.7", "berita-acara-35.14.pdf");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/pdf");
  EXPECT_EQ(response.body, "%PDF-1.7");
  EXPECT_EQ(response.headers,
            (std::vector<std::pair<std::string, std::string>>{
                {"Content-Disposition", "attachment; filename=\"berita-acara-35.14.pdf\""},
                {"Cache-Control", "no-store"}}));
}

}  // namespace
}  // namespace jaring::http

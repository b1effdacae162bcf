// Apex Reference: Crypto Class, on OpenSSL.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/hmac.h>
#include <openssl/x509.h>

#include <memory>

#include "base/text.h"
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;

constexpr size_t kMaxCryptoData = 1048576;  // Crypto Class: "Invalid data" above 1 MB
constexpr size_t kIvBytes = 16;

const std::string& blobArg(Interp& vm, const Value& v) { return nonNull(vm, v).as<interp::BlobObj>()->bytes; }
const unsigned char* bytesOf(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// Algorithm names compare case-insensitively.
bool sameName(std::string_view a, std::string_view b) { return text::equalsIgnoreCase(a, b); }

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

// ------------------------------------------------------------------ AES

// AES128/192/256 in CBC mode with PKCS#5 padding (Crypto Class, "Encrypt
// and Decrypt Exceptions"): the cipher and its key size.
const EVP_CIPHER* aesCipher(Interp& vm, const std::string& name, size_t& keyBytes) {
  if (sameName(name, "AES128")) return keyBytes = 16, EVP_aes_128_cbc();
  if (sameName(name, "AES192")) return keyBytes = 24, EVP_aes_192_cbc();
  if (sameName(name, "AES256")) return keyBytes = 32, EVP_aes_256_cbc();
  vm.raise(errors::InvalidAesAlgorithm, name);
}

std::string aes(Interp& vm, const Value& algorithm, const Value& key, std::string_view iv, std::string_view data,
                bool encrypt) {
  size_t keyBytes = 0;
  const EVP_CIPHER* cipher = aesCipher(vm, strArg(vm, algorithm), keyBytes);
  const std::string& k = blobArg(vm, key);
  if (k.size() != keyBytes) vm.raise(errors::InvalidAesKey, keyBytes);
  if (iv.size() != kIvBytes) vm.raise(errors::InvalidIv);
  if (data.size() > kMaxCryptoData + (encrypt ? 0 : 2 * kIvBytes))
    vm.raise(errors::CryptoDataTooLarge, data.size());
  if (!encrypt && data.size() % 16 != 0) vm.raise(errors::CipherLength);
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  std::string out(data.size() + 16, '\0');
  int n = 0, tail = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  auto* in = reinterpret_cast<const unsigned char*>(data.data());
  EVP_CipherInit_ex(ctx.get(), cipher, nullptr, bytesOf(k), reinterpret_cast<const unsigned char*>(iv.data()),
                    encrypt ? 1 : 0);
  EVP_CipherUpdate(ctx.get(), o, &n, in, int(data.size()));
  if (EVP_CipherFinal_ex(ctx.get(), o + n, &tail) != 1) vm.raise(errors::BadPadding);
  out.resize(size_t(n + tail));
  return out;
}

std::string randomBytes(size_t n) {
  std::string out(n, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), int(n));
  return out;
}

// Apex Reference: Crypto Class — encrypt(algorithmName, privateKey, initializationVector, clearText)
Value encrypt(Interp& vm, Value* args, int) {
  return vm.makeBlob(aes(vm, args[0], args[1], blobArg(vm, args[2]), blobArg(vm, args[3]), true));
}
// Apex Reference: Crypto Class — decrypt(algorithmName, privateKey, initializationVector, cipherText)
Value decrypt(Interp& vm, Value* args, int) {
  return vm.makeBlob(aes(vm, args[0], args[1], blobArg(vm, args[2]), blobArg(vm, args[3]), false));
}
// Apex Reference: Crypto Class — encryptWithManagedIV(algorithmName, privateKey, clearText):
// a random IV, stored as the first 16 bytes of the result.
Value encryptWithManagedIV(Interp& vm, Value* args, int) {
  std::string iv = randomBytes(kIvBytes);
  return vm.makeBlob(iv + aes(vm, args[0], args[1], iv, blobArg(vm, args[2]), true));
}
// Apex Reference: Crypto Class — decryptWithManagedIV(algorithmName, privateKey, IVAndCipherText)
Value decryptWithManagedIV(Interp& vm, Value* args, int) {
  std::string_view data = blobArg(vm, args[2]);
  if (data.size() < kIvBytes) {
    size_t keyBytes = 0;
    aesCipher(vm, strArg(vm, args[0]), keyBytes);
    vm.raise(errors::NoManagedIv);
  }
  return vm.makeBlob(aes(vm, args[0], args[1], data.substr(0, kIvBytes), data.substr(kIvBytes), false));
}

// Apex Reference: Crypto Class — generateAesKey(size): 128, 192 or 256 bits.
Value generateAesKey(Interp& vm, Value* args, int) {
  int32_t size = intArg(vm, args[0]);
  if (size != 128 && size != 192 && size != 256)
    vm.raise(errors::InvalidAesKeySize, size);
  return vm.makeBlob(randomBytes(size_t(size / 8)));
}

// ------------------------------------------------------------ digests, MACs

// generateDigest's algorithms (Crypto Class — generateDigest). The SHA-1 and
// SHA-2 names are also taken with the dash written or left out (`SHA512` is
// accepted on the platform next to the documented `SHA-512`).
const EVP_MD* digestNamed(Interp& vm, const std::string& name) {
  static const std::pair<std::string_view, const EVP_MD* (*)()> kDigests[] = {
      {"MD5", &EVP_md5},         {"SHA1", &EVP_sha1},         {"SHA-1", &EVP_sha1},
      {"SHA-256", &EVP_sha256},  {"SHA256", &EVP_sha256},     {"SHA-512", &EVP_sha512},
      {"SHA512", &EVP_sha512},   {"SHA3-256", &EVP_sha3_256}, {"SHA3-384", &EVP_sha3_384},
      {"SHA3-512", &EVP_sha3_512}};
  for (auto& [n, md] : kDigests)
    if (sameName(name, n)) return md();
  vm.raise(errors::InvalidCryptoAlgorithm, name, "MD5, SHA1, SHA-256, SHA-512, SHA3-256, SHA3-384, SHA3-512");
}

// generateMac's and verifyHMac's algorithms.
const EVP_MD* macDigestNamed(Interp& vm, const std::string& name) {
  if (sameName(name, "hmacMD5")) return EVP_md5();
  if (sameName(name, "hmacSHA1")) return EVP_sha1();
  if (sameName(name, "hmacSHA256")) return EVP_sha256();
  if (sameName(name, "hmacSHA512")) return EVP_sha512();
  vm.raise(errors::InvalidCryptoAlgorithm, name, "hmacMD5, hmacSHA1, hmacSHA256, hmacSHA512");
}

std::string hmac(const EVP_MD* md, const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(md, key.data(), int(key.size()), bytesOf(data), data.size(), out, &n);
  return std::string(reinterpret_cast<char*>(out), n);
}

// Apex Reference: Crypto Class — generateDigest(algorithmName, input)
Value generateDigest(Interp& vm, Value* args, int) {
  const EVP_MD* md = digestNamed(vm, strArg(vm, args[0]));
  const std::string& input = blobArg(vm, args[1]);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(input.data(), input.size(), out, &n, md, nullptr);
  return vm.makeBlob(std::string(reinterpret_cast<char*>(out), n));
}

// Apex Reference: Crypto Class — generateMac(algorithmName, input, privateKey)
Value generateMac(Interp& vm, Value* args, int) {
  const EVP_MD* md = macDigestNamed(vm, strArg(vm, args[0]));
  return vm.makeBlob(hmac(md, blobArg(vm, args[2]), blobArg(vm, args[1])));
}

// Apex Reference: Crypto Class — verifyHMac(algorithmName, data, privateKey, hmacToVerify)
Value verifyHMac(Interp& vm, Value* args, int) {
  const EVP_MD* md = macDigestNamed(vm, strArg(vm, args[0]));
  std::string mac = hmac(md, blobArg(vm, args[2]), blobArg(vm, args[1]));
  const std::string& expected = blobArg(vm, args[3]);
  return boolean(mac.size() == expected.size() && CRYPTO_memcmp(mac.data(), expected.data(), mac.size()) == 0);
}

// ------------------------------------------------------------ signatures

// sign's and verify's algorithms: RSA (PKCS#1 v1.5) or ECDSA with a digest;
// `RSA` alone is RSA-SHA1.
struct SignatureAlgorithm {
  const EVP_MD* md;
  int keyType;  // EVP_PKEY_RSA or EVP_PKEY_EC
};
SignatureAlgorithm signatureNamed(Interp& vm, const std::string& name) {
  static const struct {
    std::string_view name;
    const EVP_MD* (*md)();
    int keyType;
  } kAlgorithms[] = {{"RSA", &EVP_sha1, EVP_PKEY_RSA},          {"RSA-SHA1", &EVP_sha1, EVP_PKEY_RSA},
                     {"RSA-SHA256", &EVP_sha256, EVP_PKEY_RSA}, {"RSA-SHA384", &EVP_sha384, EVP_PKEY_RSA},
                     {"RSA-SHA512", &EVP_sha512, EVP_PKEY_RSA}, {"ECDSA-SHA256", &EVP_sha256, EVP_PKEY_EC},
                     {"ECDSA-SHA384", &EVP_sha384, EVP_PKEY_EC}, {"ECDSA-SHA512", &EVP_sha512, EVP_PKEY_EC}};
  for (auto& a : kAlgorithms)
    if (sameName(name, a.name)) return {a.md(), a.keyType};
  vm.raise(errors::InvalidCryptoAlgorithm, name, "RSA, RSA-SHA1, RSA-SHA256, RSA-SHA384, RSA-SHA512, ECDSA-SHA256, " "ECDSA-SHA384, ECDSA-SHA512");
}

// A PKCS#8 PrivateKeyInfo (sign) or X.509 SubjectPublicKeyInfo (verify), DER,
// of the algorithm's key type; anything else is "Invalid Crypto Key".
std::unique_ptr<EVP_PKEY, PkeyFree> keyFrom(Interp& vm, const std::string& der, bool isPrivate, int keyType) {
  const unsigned char* p = bytesOf(der);
  EVP_PKEY* key = isPrivate ? d2i_AutoPrivateKey(nullptr, &p, long(der.size()))
                            : d2i_PUBKEY(nullptr, &p, long(der.size()));
  std::unique_ptr<EVP_PKEY, PkeyFree> owned(key);
  if (!key || EVP_PKEY_get_base_id(key) != keyType) vm.raise(errors::InvalidCryptoKey);
  return owned;
}

// Apex Reference: Crypto Class — sign(algorithmName, input, privateKey)
Value sign(Interp& vm, Value* args, int) {
  SignatureAlgorithm alg = signatureNamed(vm, strArg(vm, args[0]));
  const std::string& input = blobArg(vm, args[1]);
  auto key = keyFrom(vm, blobArg(vm, args[2]), true, alg.keyType);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  size_t n = 0;
  EVP_DigestSignInit(ctx.get(), nullptr, alg.md, nullptr, key.get());
  EVP_DigestSign(ctx.get(), nullptr, &n, bytesOf(input), input.size());
  std::string out(n, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, bytesOf(input), input.size()) != 1)
    vm.raise(errors::InvalidCryptoKey);
  out.resize(n);
  return vm.makeBlob(std::move(out));
}

// Apex Reference: Crypto Class — verify(algorithmName, data, signature, publicKey)
Value verify(Interp& vm, Value* args, int) {
  SignatureAlgorithm alg = signatureNamed(vm, strArg(vm, args[0]));
  const std::string& data = blobArg(vm, args[1]);
  const std::string& signature = blobArg(vm, args[2]);
  auto key = keyFrom(vm, blobArg(vm, args[3]), false, alg.keyType);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  EVP_DigestVerifyInit(ctx.get(), nullptr, alg.md, nullptr, key.get());
  return boolean(EVP_DigestVerify(ctx.get(), bytesOf(signature), signature.size(), bytesOf(data), data.size()) == 1);
}

// ------------------------------------------------------------ random numbers

// Apex Reference: Crypto Class — getRandomInteger(), getRandomLong()
Value getRandomInteger(Interp&, Value*, int) {
  int32_t n = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&n), sizeof n);
  return integer(n);
}
Value getRandomLong(Interp&, Value*, int) {
  int64_t n = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&n), sizeof n);
  return Value::longValue(n);
}

const sema::NativeDef kNatives[] = {
    {"Crypto", "static Blob encrypt(String, Blob, Blob, Blob)", &encrypt},
    {"Crypto", "static Blob decrypt(String, Blob, Blob, Blob)", &decrypt},
    {"Crypto", "static Blob encryptWithManagedIV(String, Blob, Blob)", &encryptWithManagedIV},
    {"Crypto", "static Blob decryptWithManagedIV(String, Blob, Blob)", &decryptWithManagedIV},
    {"Crypto", "static Blob generateAesKey(Integer)", &generateAesKey},
    {"Crypto", "static Blob generateDigest(String, Blob)", &generateDigest},
    {"Crypto", "static Blob generateMac(String, Blob, Blob)", &generateMac},
    {"Crypto", "static Boolean verifyHMac(String, Blob, Blob, Blob)", &verifyHMac},
    {"Crypto", "static Blob sign(String, Blob, Blob)", &sign},
    {"Crypto", "static Boolean verify(String, Blob, Blob, Blob)", &verify},
    {"Crypto", "static Integer getRandomInteger()", &getRandomInteger},
    {"Crypto", "static Long getRandomLong()", &getRandomLong},
};

}  // namespace

std::span<const sema::NativeDef> cryptoNatives() { return kNatives; }

}  // namespace apex::stdlib

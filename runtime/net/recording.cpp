#include "runtime/net/recording.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "base/base64.h"
#include "base/text.h"

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace apex::runtime {
namespace {

// The member `key` of an object, or null (never inserts).
const ordered_json* member(const ordered_json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

// A body as JSON: text when it is UTF-8, else base64 under `bodyBase64`;
// secrets masked in both, a binary body byte by byte before it is encoded.
void putBody(ordered_json& j, std::string_view body, const SecretMasker& masker) {
  if (text::isValidUtf8(body)) j["body"] = masker.mask(body);
  else j["bodyBase64"] = base64Encode(masker.mask(body));
}

std::optional<std::string> getBody(const ordered_json& j) {
  if (const ordered_json* b = member(j, "body"); b && b->is_string()) return b->get<std::string>();
  if (const ordered_json* b = member(j, "bodyBase64"); b && b->is_string()) return base64Decode(b->get<std::string>());
  return std::string();
}

ordered_json headersJson(const HttpHeaders& headers, const SecretMasker& masker) {
  ordered_json j = ordered_json::object();
  for (const auto& [name, value] : headers.fields()) {
    std::string shown = masker.maskHeader(name, value);
    if (j.contains(name)) j[name] = j[name].get<std::string>() + ", " + shown;
    else j[name] = shown;
  }
  return j;
}

// The number in `NNN-...json`, or 0.
int recordingNumber(const std::string& name) {
  int n = 0;
  size_t i = 0;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) n = n * 10 + (name[i++] - '0');
  return i > 0 && i < name.size() && name[i] == '-' ? n : 0;
}

std::vector<fs::path> recordingFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json" && entry.is_regular_file(ec)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string safeHost(std::string host) {
  for (char& c : host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') c = '_';
  }
  return host;
}

// A short quotation of a body for a mismatch message.
std::string quote(std::string_view text) {
  constexpr size_t kShown = 200;
  std::string q = "'" + std::string(text.substr(0, kShown)) + "'";
  if (text.size() > kShown) q += " (" + std::to_string(text.size()) + " bytes)";
  return q;
}

}  // namespace

Recorder::Recorder(fs::path dir) : dir_(std::move(dir)) {}

std::optional<std::string> Recorder::write(const SecretMasker& masker, const Exchange& x) {
  std::error_code ec;
  if (next_ == 0) {
    fs::create_directories(dir_, ec);
    if (ec) return "cannot create " + dir_.string() + ": " + ec.message();
    next_ = 1;
    for (const fs::path& f : recordingFiles(dir_)) next_ = std::max(next_, recordingNumber(f.filename().string()) + 1);
  }
  ordered_json request;
  request["method"] = x.wire->method;
  request["url"] = masker.mask(x.wire->url.origin() + x.wire->url.target);
  request["headers"] = headersJson(x.wire->headers, masker);
  putBody(request, x.requestBody, masker);
  ordered_json response;
  response["statusCode"] = x.response->statusCode;
  response["status"] = x.response->status;
  response["headers"] = headersJson(x.response->headers, masker);
  putBody(response, x.response->body, masker);
  ordered_json doc;
  doc["request"] = std::move(request);
  doc["response"] = std::move(response);

  char number[16];
  std::snprintf(number, sizeof number, "%03d", next_++);
  fs::path file = dir_ / (std::string(number) + "-" + x.wire->method + "-" + safeHost(x.wire->url.host) + ".json");
  fs::path partial = file;
  partial += ".partial";
  {
    std::ofstream out(partial);
    out << doc.dump(2) << '\n';
    if (!out) return "cannot write " + partial.string();
  }
  fs::rename(partial, file, ec);  // whole files only, even if the run is killed
  if (ec) return "cannot write " + file.string() + ": " + ec.message();
  return std::nullopt;
}

std::variant<Replayer, std::string> Replayer::load(const fs::path& dir) {
  Replayer replayer;
  replayer.dir_ = dir;
  for (const fs::path& file : recordingFiles(dir)) {
    std::string where = file.string() + ": ";
    std::ifstream in(file);
    ordered_json doc = ordered_json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return where + "not valid JSON";
    const ordered_json* req = member(doc, "request");
    const ordered_json* res = member(doc, "response");
    const ordered_json* method = req ? member(*req, "method") : nullptr;
    const ordered_json* url = req ? member(*req, "url") : nullptr;
    const ordered_json* statusCode = res ? member(*res, "statusCode") : nullptr;
    if (!method || !method->is_string() || !url || !url->is_string() || !statusCode ||
        !statusCode->is_number_integer())
      return where + "not a recording: it needs request.method, request.url and response.statusCode";
    Recording r;
    r.file = file.filename().string();
    r.method = method->get<std::string>();
    r.url = url->get<std::string>();
    auto requestBody = getBody(*req);
    auto responseBody = getBody(*res);
    if (!requestBody || !responseBody) return where + "bodyBase64 is not valid base64";
    r.requestBody = *requestBody;
    r.response.statusCode = statusCode->get<int>();
    if (const ordered_json* status = member(*res, "status"); status && status->is_string())
      r.response.status = status->get<std::string>();
    if (const ordered_json* headers = member(*res, "headers"); headers && headers->is_object()) {
      for (const auto& [name, value] : headers->items()) {
        if (value.is_string()) r.response.headers.add(name, value.get<std::string>());
      }
    }
    r.response.body = *responseBody;
    replayer.recordings_.push_back(std::move(r));
  }
  return replayer;
}

std::variant<std::pair<CalloutResponse, std::string>, CalloutFailure> Replayer::answer(const SecretMasker& masker,
                                                                                       const WireRequest& request,
                                                                                       std::string_view body) {
  std::string url = masker.mask(request.url.origin() + request.url.target);
  std::string sentBody = masker.mask(body);
  const Recording* nearest = nullptr;
  int nearestScore = -1;
  for (Recording& r : recordings_) {
    if (r.used) continue;
    bool sameMethod = r.method == request.method;
    bool sameUrl = r.url == url;
    bool sameBody = r.requestBody == sentBody;
    if (sameMethod && sameUrl && sameBody) {
      r.used = true;
      return std::pair{r.response, r.file};
    }
    int score = 4 * sameUrl + 2 * sameMethod + sameBody;
    if (score > nearestScore) {
      nearestScore = score;
      nearest = &r;
    }
  }
  std::string message = "No recorded callout matches " + request.method + " " + url + " (replaying " + dir_.string() + ")";
  if (!nearest) return CalloutFailure{message + ": every recording has been used"};
  message += "; the nearest, " + nearest->file + ", differs in";
  if (nearest->method != request.method) message += " method: recorded " + nearest->method + ", sent " + request.method + ";";
  if (nearest->url != url) message += " url: recorded " + nearest->url + ", sent " + url + ";";
  if (nearest->requestBody != sentBody)
    message += " body: recorded " + quote(nearest->requestBody) + ", sent " + quote(sentBody) + ";";
  message.pop_back();
  return CalloutFailure{message};
}

}  // namespace apex::runtime

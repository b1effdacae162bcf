// libFuzzer target: the metadata readers. The input's first byte picks the
// file it becomes in a scratch SFDX project (a Named Credential, an
// External Credential, an Auth Provider, a Connected App, a Remote Site
// Setting, an object, a field, a validation rule, a record type, labels, a
// custom metadata record, a permission set, a static resource's metadata,
// or sfdx-project.json itself); then the project is loaded as every command
// loads it. A bad file must give a message, never a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <variant>

#include "runtime/credentials/credential_metadata.h"
#include "runtime/net/remote_sites.h"
#include "runtime/oauth/connected_apps.h"
#include "runtime/project/object_metadata.h"
#include "runtime/project/org_metadata.h"
#include "runtime/project/project.h"
#include "runtime/project/static_resources.h"

namespace {

namespace fs = std::filesystem;
using namespace apex::runtime;

constexpr std::string_view kFiles[] = {
    "namedCredentials/Fuzz.namedCredential-meta.xml",
    "externalCredentials/Fuzz.externalCredential-meta.xml",
    "authproviders/Fuzz.authprovider-meta.xml",
    "connectedApps/Fuzz.connectedApp-meta.xml",
    "remoteSiteSettings/Fuzz.remoteSite-meta.xml",
    "objects/Fuzz__c/Fuzz__c.object-meta.xml",
    "objects/Account/fields/Fuzz__c.field-meta.xml",
    "objects/Account/validationRules/Fuzz.validationRule-meta.xml",
    "objects/Account/recordTypes/Fuzz.recordType-meta.xml",
    "labels/CustomLabels.labels-meta.xml",
    "customMetadata/Fuzz.Fuzz.md-meta.xml",
    "permissionsets/Fuzz.permissionset-meta.xml",
    "staticresources/Fuzz.resource-meta.xml",
};
constexpr std::string_view kProjectFile = R"({"packageDirectories": [{"path": "force-app", "default": true}]})";

// A fresh scratch project per process, emptied for each input.
const fs::path& scratch() {
  static const fs::path dir = fs::temp_directory_path() / ("apexrun-metadata-fuzz-" + std::to_string(getpid()));
  return dir;
}

void write(const fs::path& file, std::string_view text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary).write(text.data(), std::streamsize(text.size()));
}

void load(const Project& project) {
  (void)CredentialCatalog::load(project);
  (void)loadConnectedApps(project);
  for (const fs::path& file : project.componentFiles(".remoteSite-meta.xml")) (void)readRemoteSite(file);
  StaticResources resources(project);
  (void)resources.load("Fuzz");
  auto schema = loadSchema(project);
  if (auto* loaded = std::get_if<apex::sema::Schema>(&schema)) (void)loadOrgConfig(project, *loaded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t pick = data[0] % (std::size(kFiles) + 1);
  fs::remove_all(scratch());
  bool projectFile = pick == std::size(kFiles);
  write(scratch() / "sfdx-project.json", projectFile ? text : kProjectFile);
  if (!projectFile) write(scratch() / "force-app" / kFiles[pick], text);
  auto project = loadProject(scratch());
  if (auto* loaded = std::get_if<Project>(&project)) load(*loaded);
  return 0;
}

#include "sema/not_supported.h"

#include "base/text.h"

namespace apex::sema {
namespace {

// Names as the Apex Reference Guide spells them. An entry stands also for
// every member and type inside it (`Flow` for Flow.Interview).
constexpr std::string_view kNotSupportedYet[] = {
    // The data layer beyond what parses today: transactions control and
    // the Database options.
    "Database.DMLOptions",
    "Database.LeadConvert",
    "Database.convertLead",
    // Test helpers that need the data layer.
    "Test.getStandardPricebookId",
    "Test.enableChangeDataCapture",
    "Test.setCreatedDate",
    // Namespaces of platform services.
    "ApexPages",
    "Approval",
    "Auth",
    "ConnectApi",
    "Dom",
    "Flow",
    // Messaging: outbound single email is built (stdlib/apex/Messaging.cls);
    // inbound email, mass email, templates rendered in Apex and
    // notifications are not.
    "Messaging.InboundEmail",
    "Messaging.InboundEmailHandler",
    "Messaging.InboundEmailResult",
    "Messaging.InboundEnvelope",
    "Messaging.extractInboundEmail",
    "Messaging.MassEmailMessage",
    "Messaging.sendEmailMessage",
    "Messaging.renderEmailTemplate",
    "Messaging.renderStoredEmailTemplate",
    "Messaging.RenderEmailTemplateBodyResult",
    "Messaging.RenderEmailTemplateError",
    "Messaging.CustomNotification",
    "Messaging.PushNotification",
    "Messaging.PushNotificationPayload",
    "Metadata",
    "Network",
    "PageReference",
    "Process",
    "QuickAction",
    "Reports",
    // Search.query is built; SOSL with snippets and suggestions is not.
    "Search.find",
    "Search.suggest",
    "Search.SearchResults",
    "Search.SearchResult",
    "Search.SuggestionResults",
    "Search.SuggestionResult",
    "Search.SuggestionOption",
    "Search.KnowledgeSuggestionFilter",
    "Site",
    "XmlStreamReader",
    "XmlStreamWriter",
};

// `name` (folded) is `entry` or inside it.
bool within(std::string_view name, std::string_view entry) {
  std::string folded = text::foldCase(entry);
  return name == folded || (name.size() > folded.size() && name.starts_with(folded) && name[folded.size()] == '.');
}

}  // namespace

std::optional<std::string_view> notSupportedYet(const std::vector<std::string>& parts) {
  std::string name;
  for (const std::string& part : parts) name += (name.empty() ? "" : ".") + text::foldCase(part);
  for (std::string_view entry : kNotSupportedYet) {
    if (within(name, entry) || within("schema." + name, entry) || within("system." + name, entry)) return entry;
  }
  return std::nullopt;
}

}  // namespace apex::sema

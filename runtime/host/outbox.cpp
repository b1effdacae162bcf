#include "runtime/host/outbox.h"

#include "base/text.h"

namespace apex::runtime {

namespace {

using interp::OutboundEmail;

void maskAll(std::vector<std::string>& values, const std::function<std::string(std::string_view)>& mask) {
  for (std::string& v : values) v = mask(v);
}

// Each line of `body`, indented under its heading.
std::string indented(std::string_view body) {
  std::string out;
  for (const std::string& line : text::split(body, '\n')) out += "    " + line + "\n";
  return out;
}

std::string attachmentLine(const interp::EmailAttachment& a) {
  std::string details = a.contentType.empty() ? "" : a.contentType + ", ";
  if (a.isInline) details += "inline, ";
  details += std::to_string(a.body.size()) + (a.body.size() == 1 ? " byte" : " bytes");
  return (a.fileName.empty() ? "(no file name)" : a.fileName) + " (" + details + ")";
}

std::string describe(const OutboundEmail& m) {
  std::string out;
  auto row = [&](std::string_view label, const std::string& value) {
    if (value.empty()) return;
    out += "  " + std::string(label) + ":" + std::string(12 - label.size(), ' ') + value + "\n";
  };
  row("To", text::join(m.toAddresses, ", "));
  row("Cc", text::join(m.ccAddresses, ", "));
  row("Bcc", text::join(m.bccAddresses, ", "));
  row("Target", m.targetObjectId.empty() || m.targetIsRecipient ? m.targetObjectId
                                                                : m.targetObjectId + " (not a recipient)");
  row("What", m.whatId);
  row("Sender", m.senderDisplayName);
  row("Reply-To", m.replyTo);
  row("Subject", m.subject);
  row("Template", m.templateId);
  for (const interp::EmailAttachment& a : m.attachments) row("Attachment", attachmentLine(a));
  for (const std::string& id : m.entityAttachments) row("Attachment", id + " (a record)");
  if (!m.plainTextBody.empty()) out += "  Text body:\n" + indented(m.plainTextBody);
  if (!m.htmlBody.empty()) out += "  HTML body:\n" + indented(m.htmlBody);
  return out;
}

}  // namespace

void Outbox::queue(OutboundEmail email) {
  if (mask_) {
    maskAll(email.toAddresses, mask_);
    maskAll(email.ccAddresses, mask_);
    maskAll(email.bccAddresses, mask_);
    for (std::string* s : {&email.replyTo, &email.senderDisplayName, &email.subject, &email.plainTextBody,
                           &email.htmlBody})
      *s = mask_(*s);
    for (interp::EmailAttachment& a : email.attachments) a.fileName = mask_(a.fileName);
  }
  emails_.push_back(std::move(email));
}

std::string describeEmails(const std::vector<OutboundEmail>& emails) {
  std::string out;
  for (size_t i = 0; i < emails.size(); ++i) {
    out += "\nEmail " + std::to_string(i + 1) + " of " + std::to_string(emails.size()) + "\n";
    out += describe(emails[i]);
  }
  return out;
}

nlohmann::ordered_json emailsJson(const std::vector<OutboundEmail>& emails) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const OutboundEmail& m : emails) {
    nlohmann::ordered_json attachments = nlohmann::ordered_json::array();
    for (const interp::EmailAttachment& a : m.attachments)
      attachments.push_back(
          {{"fileName", a.fileName}, {"contentType", a.contentType}, {"size", a.body.size()}, {"inline", a.isInline}});
    all.push_back({{"toAddresses", m.toAddresses},
                   {"ccAddresses", m.ccAddresses},
                   {"bccAddresses", m.bccAddresses},
                   {"targetObjectId", m.targetObjectId},
                   {"treatTargetObjectAsRecipient", m.targetIsRecipient},
                   {"whatId", m.whatId},
                   {"senderDisplayName", m.senderDisplayName},
                   {"replyTo", m.replyTo},
                   {"subject", m.subject},
                   {"plainTextBody", m.plainTextBody},
                   {"htmlBody", m.htmlBody},
                   {"templateId", m.templateId},
                   {"attachments", attachments},
                   {"entityAttachments", m.entityAttachments}});
  }
  return all;
}

}  // namespace apex::runtime

// Apex Reference: Messaging Class — sendEmail(emails, allOrNothing), with
// SendEmailResult Class and SendEmailError Class. The messages are the
// SingleEmailMessage objects of stdlib/apex/Messaging.cls; sendEmail checks
// them as the platform does, counts the Email Invocations limit, writes an
// EMAIL_QUEUE line per message and hands the messages to the host
// (vm.emails()), which keeps them. Nothing leaves the machine.
#include "base/record_id.h"
#include "interp/dml_errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;
namespace dml = interp::dml;
using interp::Limit;
using interp::OutboundEmail;

// One property of a message or attachment, as its class keeps it.
Value property(Interp& vm, const Value& object, std::string_view name) {
  return vm.readField(object, fieldOf(*object.as<interp::InstanceObj>()->cls, name));
}

std::string stringProperty(Interp& vm, const Value& object, std::string_view name) {
  Value v = property(vm, object, name);
  return v.isNull() ? std::string() : str(v);
}

// An unset Boolean property keeps the platform's default.
bool booleanProperty(Interp& vm, const Value& object, std::string_view name, bool unset) {
  Value v = property(vm, object, name);
  return v.isNull() ? unset : v.asBool();
}

std::vector<std::string> stringsProperty(Interp& vm, const Value& object, std::string_view name) {
  std::vector<std::string> out;
  Value list = property(vm, object, name);
  if (list.isNull()) return out;
  for (const Value& item : listOf(list)->items) out.push_back(item.isNull() ? "null" : vm.stringValueOf(item));
  return out;
}

std::vector<interp::EmailAttachment> attachments(Interp& vm, const Value& email) {
  std::vector<interp::EmailAttachment> out;
  Value list = property(vm, email, "fileAttachments");
  if (list.isNull()) return out;
  for (const Value& file : listOf(list)->items) {
    if (file.isNull()) continue;
    Value body = property(vm, file, "body");
    out.push_back({stringProperty(vm, file, "fileName"), stringProperty(vm, file, "contentType"),
                   body.isNull() ? std::string() : body.as<interp::BlobObj>()->bytes, booleanProperty(vm, file, "inline", false)});
  }
  return out;
}

// The message as the host keeps it.
OutboundEmail outbound(Interp& vm, const Value& email) {
  OutboundEmail out;
  out.toAddresses = stringsProperty(vm, email, "toAddresses");
  out.ccAddresses = stringsProperty(vm, email, "ccAddresses");
  out.bccAddresses = stringsProperty(vm, email, "bccAddresses");
  out.targetObjectId = stringProperty(vm, email, "targetObjectId");
  out.targetIsRecipient = booleanProperty(vm, email, "treatTargetObjectAsRecipient", true);
  out.whatId = stringProperty(vm, email, "whatId");
  out.replyTo = stringProperty(vm, email, "replyTo");
  out.senderDisplayName = stringProperty(vm, email, "senderDisplayName");
  out.orgWideEmailAddressId = stringProperty(vm, email, "orgWideEmailAddressId");
  out.subject = stringProperty(vm, email, "subject");
  out.plainTextBody = stringProperty(vm, email, "plainTextBody");
  out.htmlBody = stringProperty(vm, email, "htmlBody");
  out.templateId = stringProperty(vm, email, "templateId");
  out.charset = stringProperty(vm, email, "charset");
  out.attachments = attachments(vm, email);
  out.entityAttachments = stringsProperty(vm, email, "entityAttachments");
  out.bccSender = booleanProperty(vm, email, "bccSender", false);
  out.saveAsActivity = booleanProperty(vm, email, "saveAsActivity", true);
  out.useSignature = booleanProperty(vm, email, "useSignature", true);
  return out;
}

// A recipient is an address or the Id of a contact, lead or user (Apex
// Reference: SingleEmailMessage Class — setToAddresses).
std::optional<dml::RowError> badRecipient(const std::vector<std::string>& recipients, std::string_view property) {
  for (const std::string& r : recipients)
    if (!text::isEmailAddress(r) && !looksLikeId(r))
      return dml::rowError(dml::InvalidRecipient, {std::string(property), r}, r);
  return std::nullopt;
}

// Why the platform would refuse the message; nullopt when it would send it.
std::optional<dml::RowError> refusal(const OutboundEmail& m) {
  if (!m.templateId.empty() && m.targetObjectId.empty()) return dml::rowError(dml::TemplateWithoutTarget, {});
  bool targetReceives = !m.targetObjectId.empty() && m.targetIsRecipient;
  if (m.toAddresses.empty() && m.ccAddresses.empty() && m.bccAddresses.empty() && !targetReceives)
    return dml::rowError(dml::MissingTargetAddress, {});
  if (auto bad = badRecipient(m.toAddresses, "toAddresses")) return bad;
  if (auto bad = badRecipient(m.ccAddresses, "ccAddresses")) return bad;
  if (auto bad = badRecipient(m.bccAddresses, "bccAddresses")) return bad;
  if (m.templateId.empty() && m.plainTextBody.empty() && m.htmlBody.empty())
    return dml::rowError(dml::MissingEmailBody, {});
  return std::nullopt;
}

// The EMAIL_QUEUE line's fields: `subject: Hi, bccSender: false,
// saveAsActivity: true, useSignature: true, toAddresses: [a@b.com],
// plainTextBody: Hello,` — the properties set; where the platform's order
// of the rarer ones is not known, apexrun's (docs/differences.md).
std::string queueLine(const OutboundEmail& m) {
  std::string out;
  auto add = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) out += std::string(name) + ": " + value + ", ";
  };
  auto addList = [&](std::string_view name, const std::vector<std::string>& values) {
    if (!values.empty()) add(name, "[" + text::join(values, ", ") + "]");
  };
  add("replyTo", m.replyTo);
  add("senderDisplayName", m.senderDisplayName);
  add("subject", m.subject);
  add("bccSender", m.bccSender ? "true" : "false");
  add("saveAsActivity", m.saveAsActivity ? "true" : "false");
  add("useSignature", m.useSignature ? "true" : "false");
  addList("toAddresses", m.toAddresses);
  addList("ccAddresses", m.ccAddresses);
  addList("bccAddresses", m.bccAddresses);
  add("targetObjectId", m.targetObjectId);
  add("whatId", m.whatId);
  add("orgWideEmailAddressId", m.orgWideEmailAddressId);
  add("templateId", m.templateId);
  add("plainTextBody", m.plainTextBody);
  add("htmlBody", m.htmlBody);
  std::vector<std::string> files;
  for (const interp::EmailAttachment& a : m.attachments) files.push_back(a.fileName);
  addList("fileAttachments", files);
  addList("entityAttachments", m.entityAttachments);
  out.pop_back();  // `, ` ends as `,`
  return out;
}

Value sendEmailError(Interp& vm, const dml::RowError& error) {
  const sema::ClassSymbol& cls = systemClass(vm, "Messaging.SendEmailError");
  Value e = vm.newInstance(cls, nullptr, false);
  vm.writeField(e, fieldOf(cls, "fields"), stringList(vm, error.fields));
  vm.writeField(e, fieldOf(cls, "message"), vm.makeString(error.message));
  vm.writeField(e, fieldOf(cls, "statusCode"), vm.makeEnum("StatusCode", uint32_t(error.code)));
  return e;
}

Value sendEmailResult(Interp& vm, const std::optional<dml::RowError>& error) {
  const sema::ClassSymbol& cls = systemClass(vm, "Messaging.SendEmailResult");
  std::vector<Value> errors;
  if (error) errors.push_back(sendEmailError(vm, *error));
  Value r = vm.newInstance(cls, nullptr, false);
  vm.writeField(r, fieldOf(cls, "success"), boolean(!error));
  const sema::Type* errorList = vm.types().list(systemClass(vm, "Messaging.SendEmailError").type);
  vm.writeField(r, fieldOf(cls, "errors"), vm.makeList(errorList, std::move(errors)));
  return r;
}

// Apex Reference: Messaging Class — sendEmail(emails, allOrNothing). With
// allOrNothing, the first message the platform would refuse throws an
// EmailException and none is sent; without, the others are sent and each
// result says how its message fared. A call counts one Email Invocation
// however many messages it carries.
Value send(Interp& vm, const Value& emailList, bool allOrNothing) {
  const std::vector<Value>& emails = listOf(nonNull(vm, emailList))->items;
  vm.useLimit(Limit::EmailInvocations);
  std::vector<OutboundEmail> messages;
  std::vector<std::optional<dml::RowError>> refusals;
  for (const Value& email : emails) {
    messages.push_back(outbound(vm, nonNull(vm, email)));
    refusals.push_back(refusal(messages.back()));
  }
  for (size_t row = 0; allOrNothing && row < refusals.size(); ++row)
    if (const auto& e = refusals[row])
      vm.raise(errors::SendEmailFailed, row, sema::statusCodeName(e->code), e->message, text::join(e->fields, ", "));
  int line = vm.currentLine();
  std::vector<Value> results;
  for (size_t row = 0; row < messages.size(); ++row) {
    results.push_back(sendEmailResult(vm, refusals[row]));
    if (refusals[row]) continue;
    vm.log().emailQueue(line, queueLine(messages[row]));
    vm.markUncommittedWork();
    if (interp::EmailPort* outbox = vm.emails()) outbox->queue(std::move(messages[row]));
  }
  return vm.makeList(vm.types().list(systemClass(vm, "Messaging.SendEmailResult").type), std::move(results));
}

// Apex Reference: Messaging Class — sendEmail(emails, allOrNothing)
Value sendEmail(Interp& vm, Value* args, int) { return send(vm, args[0], true); }
Value sendEmailAllOrNothing(Interp& vm, Value* args, int) { return send(vm, args[0], boolArg(vm, args[1])); }

const sema::NativeDef kNatives[] = {
    {"Messaging", "static List<Messaging.SendEmailResult> sendEmail(List<Messaging.Email>)", &sendEmail},
    {"Messaging", "static List<Messaging.SendEmailResult> sendEmail(List<Messaging.Email>, Boolean)",
     &sendEmailAllOrNothing},
};

}  // namespace

std::span<const sema::NativeDef> messagingNatives() { return kNatives; }

}  // namespace apex::stdlib

#!/usr/bin/env bash
# Messaging.sendEmail through the real binary: nothing is sent; `apexrun run
# --show-emails` prints what was accepted (as JSON with --json), the debug
# log has an EMAIL_QUEUE line per message, a run that throws discards its
# email, and `apexrun test` keeps each test's email (and limits) apart.
# Usage: email_test.sh APEXRUN PROJECT
apexrun=${1:?usage: email_test.sh APEXRUN PROJECT}
project=${2:?usage: email_test.sh APEXRUN PROJECT}
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cat >"$work/send.apex" <<'APEX'
Messaging.EmailFileAttachment csv = new Messaging.EmailFileAttachment();
csv.setFileName('report.csv');
csv.setContentType('text/csv');
csv.setBody(Blob.valueOf('a,b\n1,2\n'));
Messaging.SingleEmailMessage mail = new Messaging.SingleEmailMessage();
mail.setToAddresses(new List<String>{ 'ada@example.com', 'bob@example.com' });
mail.setCcAddresses(new List<String>{ 'cc@example.com' });
mail.setBccAddresses(new List<String>{ 'audit@example.com' });
mail.setSubject('Quarterly report');
mail.setPlainTextBody('Hi all,\nthe report is attached.');
mail.setHtmlBody('<p>The report is attached.</p>');
mail.setFileAttachments(new List<Messaging.EmailFileAttachment>{ csv });
Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ mail });
System.debug('sent');
APEX

run run --show-emails "$work/send.apex"
check "run --show-emails succeeds" "$status"
check "the log has the message's EMAIL_QUEUE line" "$(grep -q '|EMAIL_QUEUE|\[13\]|subject: Quarterly report, bccSender: false, saveAsActivity: true, useSignature: true, toAddresses: \[ada@example.com, bob@example.com\], ccAddresses: \[cc@example.com\], bccAddresses: \[audit@example.com\], plainTextBody: Hi all,$' "$work/out"; echo $?)"
check "the log counts the invocation" "$(grep -q '^  Number of Email Invocations: 1 out of 10$' "$work/out"; echo $?)"
sed -n '/^Emails: /,$p' "$work/out" >"$work/emails"
cat >"$work/expected" <<'EXPECTED'
Emails: 1 (kept here, not sent)

Email 1 of 1
  To:          ada@example.com, bob@example.com
  Cc:          cc@example.com
  Bcc:         audit@example.com
  Subject:     Quarterly report
  Attachment:  report.csv (text/csv, 8 bytes)
  Text body:
    Hi all,
    the report is attached.
  HTML body:
    <p>The report is attached.</p>
EXPECTED
check "the email, after the log" "$(diff "$work/expected" "$work/emails" >&2; echo $?)"

run run --debug-only "$work/send.apex"
check "without --show-emails no email is printed" "$([ "$status" -eq 0 ] && [ "$(cat "$work/out")" = sent ]; echo $?)"

run run --show-emails --json "$work/send.apex"
check "run --show-emails --json succeeds" "$status"
pycheck "--json has the email in the result" "$work/out" \
  "d['result']['emails'][0]['toAddresses'] == ['ada@example.com', 'bob@example.com'] and \
   d['result']['emails'][0]['subject'] == 'Quarterly report' and \
   d['result']['emails'][0]['attachments'] == [{'fileName': 'report.csv', 'contentType': 'text/csv', 'size': 8, 'inline': False}]"
run run --json "$work/send.apex"
pycheck "--json alone keeps sf's result" "$work/out" "'emails' not in d['result']"

cat >"$work/throws.apex" <<'APEX'
Messaging.SingleEmailMessage mail = new Messaging.SingleEmailMessage();
mail.setToAddresses(new List<String>{ 'ada@example.com' });
mail.setPlainTextBody('Never sent');
Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ mail });
Integer boom = 1 / 0;
APEX
run run --show-emails "$work/throws.apex"
check "a run that throws exits 1" "$([ "$status" -eq 1 ]; echo $?)"
check "its email was rolled back with it" \
  "$(grep -q '^Emails: 1 (discarded: the transaction rolled back)$' "$work/out"; echo $?)"

echo "System.debug('quiet');" >"$work/none.apex"
run run --show-emails --debug-only "$work/none.apex"
check "a run without email says so" "$(printf 'quiet\n\nEmails: none\n' | diff - "$work/out" >&2; echo $?)"

run test --project "$project" --show-emails
check "the email tests pass" "$status"
check "each test keeps its own email" \
  "$(grep -q '^Emails of WelcomeTest.startsWithNoInvocations: 2 (kept here, not sent)$' "$work/out" &&
     grep -q '^Emails of WelcomeTest.sendsTheWelcome: 1 (kept here, not sent)$' "$work/out"; echo $?)"
check "a test's email as sent" "$(grep -q '^  Subject:     Welcome, Ada$' "$work/out" &&
  grep -q '^  Attachment:  terms.txt (text/plain, 8 bytes)$' "$work/out"; echo $?)"

run test --project "$project" --show-emails --json
check "test --show-emails is for the human format" \
  "$([ "$status" -eq 64 ] && grep -q 'show-emails' "$work/err"; echo $?)"

finish "email"

#include "sema/request_hints.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "ast/walk.h"
#include "sema/types.h"

namespace apex::sema {
namespace {

using namespace apex::ast;

struct Request {
  std::string name;
  int line = 0;
  bool endpoint = false, method = false;
  int sentAt = 0;
  int handMadeAuthorization = 0;  // line of setHeader('Authorization', '...{!$Credential...')
};

struct JsonText {
  std::string name;
  int line = 0;
  std::string text;
};

// A String literal, or literals joined with `+`.
std::optional<std::string> constantText(const Expr& e) {
  if (e.kind == ExprKind::Literal && e.as<LiteralExpr>().literal == LiteralKind::String)
    return e.as<LiteralExpr>().text;
  if (e.kind == ExprKind::Binary && e.as<BinaryExpr>().op == BinaryOp::Add) {
    auto left = constantText(*e.as<BinaryExpr>().left);
    auto right = constantText(*e.as<BinaryExpr>().right);
    if (left && right) return *left + *right;
  }
  return std::nullopt;
}

bool looksLikeJson(const std::string& text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  return start != std::string::npos && (text[start] == '{' || text[start] == '[');
}

const NameExpr* nameOf(const Expr& e) { return e.kind == ExprKind::Name ? &e.as<NameExpr>() : nullptr; }

bool isHttpRequest(const sema::Type* t) {
  return t && t->kind == TypeKind::Class && t->cls && t->cls->qualifiedName == "System.HttpRequest";
}

class Explainer {
 public:
  void statement(const Stmt& s) {
    if (s.kind == StmtKind::LocalVar) declare(s.as<LocalVarStmt>());
    forEachExpression(s, [this](const Expr& e) { expression(e); });
    forEachChildStatement(s, [this](const Stmt& child) { statement(child); });
  }

  std::vector<RequestHint> hints() const {
    std::vector<RequestHint> out;
    for (const auto& [key, r] : requests_) requestHints(r, out);
    for (const JsonText& j : jsonTexts_) {
      if (setAsBody_.count(foldCase(j.name))) continue;
      std::string text = j.name + " looks like a JSON request body but is never set on a request: pass it to "
                         "setBody(" + j.name + ") before Http.send";
      out.push_back({j.line, text + jsonProblem(j.text)});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
    return out;
  }

 private:
  void declare(const LocalVarStmt& v) {
    for (const VarDeclarator& d : v.declarators) {
      if (isHttpRequest(v.declaredType)) requests_[foldCase(d.name)] = Request{d.name, d.loc.line};
      if (!d.init || !v.declaredType || v.declaredType->kind != TypeKind::String) continue;
      if (auto text = constantText(*d.init); text && looksLikeJson(*text))
        jsonTexts_.push_back({d.name, d.loc.line, *text});
    }
  }

  void expression(const Expr& e) {
    if (e.kind == ExprKind::Call) call(e.as<CallExpr>());
    forEachSubexpression(e, [this](const Expr& child) { expression(child); });
  }

  void call(const CallExpr& c) {
    std::string method = foldCase(c.name);
    if (method == "send" && c.args.size() == 1) {
      if (Request* r = request(*c.args[0])) r->sentAt = c.loc.line;
      return;
    }
    Request* r = c.target ? request(*c.target) : nullptr;
    if (!r) return;
    if (method == "setendpoint") r->endpoint = true;
    if (method == "setmethod") r->method = true;
    if ((method == "setbody" || method == "setbodyasblob") && c.args.size() == 1) {
      if (const NameExpr* n = nameOf(*c.args[0])) setAsBody_.insert(foldCase(n->name));
    }
    if (method == "setheader" && c.args.size() == 2) {
      auto header = constantText(*c.args[0]);
      auto value = constantText(*c.args[1]);
      if (header && foldCase(*header) == "authorization" && value && value->find("{!$Credential") != std::string::npos)
        r->handMadeAuthorization = c.loc.line;
    }
  }

  Request* request(const Expr& e) {
    const NameExpr* n = nameOf(e);
    if (!n) return nullptr;
    auto it = requests_.find(foldCase(n->name));
    return it == requests_.end() ? nullptr : &it->second;
  }

  static void requestHints(const Request& r, std::vector<RequestHint>& out) {
    if (r.sentAt && !r.endpoint)
      out.push_back({r.line, r.name + " is sent (line " + std::to_string(r.sentAt) +
                                 ") without an endpoint, so Http.send fails before anything goes out: call " + r.name +
                                 ".setEndpoint('callout:Your_Named_Credential/path') first"});
    if (r.sentAt && !r.method)
      out.push_back({r.line, r.name + " is sent (line " + std::to_string(r.sentAt) + ") without an HTTP method: call " +
                                 r.name + ".setMethod('POST') (or GET, PUT, PATCH, DELETE) first"});
    if (r.handMadeAuthorization)
      out.push_back({r.handMadeAuthorization,
                     "the Authorization header is written by hand with a {!$Credential...} merge field: merge fields "
                     "are expanded only in requests to a callout: endpoint whose named credential allows merge "
                     "fields in headers. A named credential that generates the Authorization header adds it "
                     "itself: leave this header out"});
  }

  // `; it is not valid JSON either (...)`, or nothing.
  static std::string jsonProblem(const std::string& text) {
    try {
      nlohmann::json parsed = nlohmann::json::parse(text);
      return "";
    } catch (const nlohmann::json::parse_error& e) {
      return "; it is not valid JSON either (error at character " + std::to_string(e.byte) + ")";
    }
  }

  std::map<std::string, Request> requests_;
  std::vector<JsonText> jsonTexts_;
  std::set<std::string> setAsBody_;
};

}  // namespace

std::vector<RequestHint> explainRequests(const ast::AnonymousUnit& unit) {
  Explainer explainer;
  if (unit.body) explainer.statement(*unit.body);
  for (const MethodDecl& m : unit.methods) {
    if (m.body) explainer.statement(*m.body);
  }
  return explainer.hints();
}

}  // namespace apex::sema

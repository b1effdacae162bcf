// The OAuth server's state (runtime/oauth/oauth_state.h) in the org's
// database, `serve --db FILE` or `--db postgresql://...`: a restart keeps
// the sessions and refresh tokens it issued, and serve processes sharing a
// PostgreSQL database honour each other's tokens.
//
// One table, apexrun_oauth_issued, on a connection of its own beside the
// record store's: a token is issued or checked while another request's
// records transaction is open. Each operation is one statement (an add is an
// INSERT ... ON CONFLICT DO NOTHING, a take a DELETE ... RETURNING), so two
// processes never both take one code or refresh token.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "runtime/data/sql_statement.h"
#include "runtime/oauth/oauth_state.h"

namespace apex::runtime {

class SqlOAuthState : public OAuthState {
 public:
  // Makes the table when missing. Throws DataStoreError.
  explicit SqlOAuthState(std::unique_ptr<SqlConnection> connection);

  bool add(IssuedKind kind, const std::string& key, const IssuedEntry& entry) override;
  std::optional<IssuedEntry> find(IssuedKind kind, const std::string& key) override;
  std::optional<IssuedEntry> take(IssuedKind kind, const std::string& key) override;
  void erase(IssuedKind kind, const std::string& key) override;
  void revokeGrant(GrantId grant) override;
  void dropExpired(std::chrono::system_clock::time_point now) override;

 private:
  // A statement of `sql`, its `?N` parameters in the connection's dialect.
  std::unique_ptr<SqlStatement> prepare(const std::string& sql);
  // The entry the statement's current row holds (data, expires, grant_id).
  static IssuedEntry entryOf(const SqlStatement& row);

  std::mutex mutex_;  // one statement at a time on the connection
  const std::unique_ptr<SqlConnection> connection_;
};

// The OAuth state for a serve whose org is `db` (its --db value): in the
// PostgreSQL database; in the SQLite file, with a copy in memory
// (cachedOAuthState), since one serve at a time uses a file; in memory for
// an org in memory. Throws DataStoreError.
std::unique_ptr<OAuthState> openOAuthState(const std::string& db);

}  // namespace apex::runtime

// libpq, PostgreSQL's client library, loaded the first time a --db names
// PostgreSQL. Linked into apexrun, it would bring some twenty libraries of
// its own (Kerberos, LDAP, GnuTLS, SASL) into every start-up, a few
// milliseconds that a one-line `apexrun run` never needs.
#pragma once

#include <libpq-fe.h>

namespace apex::runtime {

// The libpq functions postgres_db.cpp calls, each under its own name.
#define APEXRUN_LIBPQ_FUNCTIONS(X)                                                                              \
  X(PQclear) X(PQconnectdb) X(PQconninfoFree) X(PQconninfoParse) X(PQerrorMessage) X(PQexec) X(PQexecParams)   \
  X(PQfinish) X(PQfreemem) X(PQftype) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQntuples)                 \
  X(PQresultErrorMessage) X(PQresultStatus) X(PQsetNoticeProcessor) X(PQstatus) X(PQtransactionStatus)          \
  X(PQunescapeBytea)

struct LibPq {
#define APEXRUN_LIBPQ_POINTER(name) decltype(&::name) name;
  APEXRUN_LIBPQ_FUNCTIONS(APEXRUN_LIBPQ_POINTER)
#undef APEXRUN_LIBPQ_POINTER
};

// libpq (libpq.so.5, Debian's libpq5), loaded once. Throws DataStoreError
// saying what to install when it cannot be loaded.
const LibPq& libpq();

}  // namespace apex::runtime

// Apex Reference: JSONGenerator Class. Field writers are writeFieldName
// followed by the value writer; a null value is written as JSON null.
#include "stdlib/json_objects.h"
#include "stdlib/json_values.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Runs `write` on the generator's writer; a closed generator takes no more.
template <class F>
Value withWriter(Interp& vm, const Value& self, F write) {
  JsonGeneratorState& s = jsonState<JsonGeneratorState>(self);
  json::guarded(vm, [&] {
    if (s.closed) throw json::Error("Can not write to a closed JSONGenerator");
    write(s.writer);
    return 0;
  });
  vm.resized(self.asObj(), 64 + s.writer.text().size());
  return Value();
}

// Apex Reference: JSONGenerator Class — writeStartObject(), writeEndObject(),
// writeStartArray(), writeEndArray(), writeFieldName(fieldName)
Value writeStartObject(Interp& vm, Value* a, int) { return withWriter(vm, a[0], [](json::Writer& w) { w.startObject(); }); }
Value writeEndObject(Interp& vm, Value* a, int) { return withWriter(vm, a[0], [](json::Writer& w) { w.endObject(); }); }
Value writeStartArray(Interp& vm, Value* a, int) { return withWriter(vm, a[0], [](json::Writer& w) { w.startArray(); }); }
Value writeEndArray(Interp& vm, Value* a, int) { return withWriter(vm, a[0], [](json::Writer& w) { w.endArray(); }); }
Value writeFieldName(Interp& vm, Value* a, int) {
  const std::string& name = strArg(vm, a[1]);
  return withWriter(vm, a[0], [&](json::Writer& w) { w.fieldName(name); });
}

// Apex Reference: JSONGenerator Class — writeString, writeNumber (Integer,
// Long, Double, Decimal), writeBoolean, writeNull, writeObject, writeDate,
// writeDateTime, writeTime, writeBlob, writeId: every value goes out as
// JSON.serialize writes it.
Value writeValue(Interp& vm, Value* a, int) {
  return withWriter(vm, a[0], [&](json::Writer& w) { json::writeValue(vm, w, a[1], false); });
}
Value writeNull(Interp& vm, Value* a, int) { return withWriter(vm, a[0], [](json::Writer& w) { w.raw("null"); }); }

// Apex Reference: JSONGenerator Class — writeStringField, writeNumberField,
// writeBooleanField, writeObjectField, writeDateField, writeDateTimeField,
// writeTimeField, writeBlobField, writeIdField
Value writeField(Interp& vm, Value* a, int) {
  const std::string& name = strArg(vm, a[1]);
  return withWriter(vm, a[0], [&](json::Writer& w) {
    w.fieldName(name);
    json::writeValue(vm, w, a[2], false);
  });
}
// Apex Reference: JSONGenerator Class — writeNullField(fieldName)
Value writeNullField(Interp& vm, Value* a, int) {
  const std::string& name = strArg(vm, a[1]);
  return withWriter(vm, a[0], [&](json::Writer& w) {
    w.fieldName(name);
    w.raw("null");
  });
}

// Apex Reference: JSONGenerator Class — getAsString()
Value getAsString(Interp& vm, Value* a, int) { return vm.makeString(jsonState<JsonGeneratorState>(a[0]).writer.text()); }
// Apex Reference: JSONGenerator Class — close(), isClosed()
Value close(Interp&, Value* a, int) {
  jsonState<JsonGeneratorState>(a[0]).closed = true;
  return Value();
}
Value isClosed(Interp&, Value* a, int) { return boolean(jsonState<JsonGeneratorState>(a[0]).closed); }

const sema::NativeDef kNatives[] = {
    {"JSONGenerator", "void writeStartObject()", &writeStartObject},
    {"JSONGenerator", "void writeEndObject()", &writeEndObject},
    {"JSONGenerator", "void writeStartArray()", &writeStartArray},
    {"JSONGenerator", "void writeEndArray()", &writeEndArray},
    {"JSONGenerator", "void writeFieldName(String)", &writeFieldName},
    {"JSONGenerator", "void writeString(String)", &writeValue},
    {"JSONGenerator", "void writeNumber(Integer)", &writeValue},
    {"JSONGenerator", "void writeNumber(Long)", &writeValue},
    {"JSONGenerator", "void writeNumber(Double)", &writeValue},
    {"JSONGenerator", "void writeNumber(Decimal)", &writeValue},
    {"JSONGenerator", "void writeBoolean(Boolean)", &writeValue},
    {"JSONGenerator", "void writeNull()", &writeNull},
    {"JSONGenerator", "void writeObject(Object)", &writeValue},
    {"JSONGenerator", "void writeDate(Date)", &writeValue},
    {"JSONGenerator", "void writeDateTime(Datetime)", &writeValue},
    {"JSONGenerator", "void writeTime(Time)", &writeValue},
    {"JSONGenerator", "void writeBlob(Blob)", &writeValue},
    {"JSONGenerator", "void writeId(Id)", &writeValue},
    {"JSONGenerator", "void writeStringField(String, String)", &writeField},
    {"JSONGenerator", "void writeNumberField(String, Integer)", &writeField},
    {"JSONGenerator", "void writeNumberField(String, Long)", &writeField},
    {"JSONGenerator", "void writeNumberField(String, Double)", &writeField},
    {"JSONGenerator", "void writeNumberField(String, Decimal)", &writeField},
    {"JSONGenerator", "void writeBooleanField(String, Boolean)", &writeField},
    {"JSONGenerator", "void writeNullField(String)", &writeNullField},
    {"JSONGenerator", "void writeObjectField(String, Object)", &writeField},
    {"JSONGenerator", "void writeDateField(String, Date)", &writeField},
    {"JSONGenerator", "void writeDateTimeField(String, Datetime)", &writeField},
    {"JSONGenerator", "void writeTimeField(String, Time)", &writeField},
    {"JSONGenerator", "void writeBlobField(String, Blob)", &writeField},
    {"JSONGenerator", "void writeIdField(String, Id)", &writeField},
    {"JSONGenerator", "String getAsString()", &getAsString},
    {"JSONGenerator", "void close()", &close},
    {"JSONGenerator", "Boolean isClosed()", &isClosed},
};

}  // namespace

std::span<const sema::NativeDef> jsonGeneratorNatives() { return kNatives; }

}  // namespace apex::stdlib

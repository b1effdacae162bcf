#include "sema/schema_catalog.h"

#include <charconv>
#include <optional>

namespace apex::sema {

// Defined in the file the build generates from standard_objects.catalog.
std::string_view embeddedStandardCatalog();

namespace {

// A line split at spaces; a "quoted part" keeps its spaces and loses its
// quotes (label="Opportunity Product").
std::vector<std::string> tokens(std::string_view line) {
  std::vector<std::string> out;
  std::string current;
  bool inQuotes = false, inToken = false;
  for (char c : line) {
    if (c == '"') {
      inQuotes = !inQuotes;
      inToken = true;
    } else if ((c == ' ' || c == '\t') && !inQuotes) {
      if (inToken) out.push_back(std::move(current));
      current.clear();
      inToken = false;
    } else {
      current += c;
      inToken = true;
    }
  }
  if (inToken) out.push_back(std::move(current));
  return out;
}

std::vector<std::string> splitOn(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    parts.emplace_back(text::trimJava(text.substr(start, end - start)));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<int> number(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

class CatalogReader {
 public:
  CatalogReader(std::string_view fileName, CatalogParse& out) : fileName_(fileName), out_(out) {}

  void readLine(std::string_view line, size_t lineNumber) {
    lineNumber_ = lineNumber;
    std::string_view content = text::trimJava(line);
    if (content.empty() || content.front() == '#') return;
    std::vector<std::string> words = tokens(content);
    bool indented = line.front() == ' ' || line.front() == '\t';
    if (!indented) return readObject(words);
    if (!object_) return error("a field line before any object line");
    readField(words);
  }

 private:
  void error(std::string_view problem) {
    out_.errors.push_back(std::string(fileName_) + ":" + std::to_string(lineNumber_) + ": " + std::string(problem));
  }

  // <Object> <keyPrefix> [label="..."] [plural="..."] [event] [-<SystemField> ...]
  void readObject(const std::vector<std::string>& words) {
    if (words.size() < 2) return error("an object line needs a name and a key prefix");
    if (words[1].size() != 3) return error("a key prefix has three characters: " + words[1]);
    if (out_.schema.object(words[0])) return error("the object is defined twice: " + words[0]);
    SObjectType object;
    object.name = words[0];
    object.keyPrefix = words[1];
    object.label = words[0];
    std::vector<std::string> omit;
    for (size_t i = 2; i < words.size(); ++i) {
      const std::string& word = words[i];
      if (word.front() == '-') omit.push_back(word.substr(1));
      else if (word.starts_with("label=")) object.label = word.substr(6);
      else if (word.starts_with("plural=")) object.labelPlural = word.substr(7);
      else if (word == "event") object.kind = ObjectKind::PlatformEvent;
      else error("unknown object option: " + word);
    }
    if (object.labelPlural.empty()) object.labelPlural = object.label + "s";
    addSystemFields(object, omit);
    object_ = &out_.schema.put(std::move(object));
  }

  // <Field> <type>[(<args>)] [flags] [key=value ...]
  void readField(const std::vector<std::string>& words) {
    if (words.size() < 2) return error("a field line needs a name and a type");
    SObjectField field;
    field.name = words[0];
    if (!readType(words[1], field)) return;
    if (field.type == FieldType::Boolean) {
      field.nillable = false;
      field.defaultedOnCreate = true;
      field.defaultValue = {DefaultValue::Kind::Literal, "false"};
    }
    for (size_t i = 2; i < words.size(); ++i)
      if (!readOption(words[i], field)) return;
    if (field.label.empty()) field.label = labelFromName(field.name);
    if (field.isReference() && field.referenceTo.empty()) return error("a reference names the objects it refers to");
    object_->putField(std::move(field));
  }

  bool readType(std::string_view spec, SObjectField& field) {
    size_t open = spec.find('(');
    std::string_view name = spec.substr(0, open);
    std::optional<FieldType> type = fieldTypeNamed(name);
    if (!type) return error("unknown field type: " + std::string(name)), false;
    field.type = *type;
    if (open == std::string_view::npos) return true;
    if (spec.back() != ')') return error("unclosed type arguments: " + std::string(spec)), false;
    std::vector<std::string> args = splitOn(spec.substr(open + 1, spec.size() - open - 2), ',');
    if (field.type == FieldType::Reference) {
      field.referenceTo = args;
      field.length = 18;
      return true;
    }
    std::vector<int> numbers;
    for (const std::string& arg : args) {
      std::optional<int> n = number(arg);
      if (!n) return error("not a size: " + arg), false;
      numbers.push_back(*n);
    }
    bool numeric =
        field.type == FieldType::Double || field.type == FieldType::Currency || field.type == FieldType::Percent;
    if (numeric) {
      if (numbers.size() != 2) return error("a number type takes (precision,scale): " + std::string(spec)), false;
      field.precision = numbers[0];
      field.scale = numbers[1];
    } else if (numbers.size() != 1) {
      return error("this type takes one size: " + std::string(spec)), false;
    } else if (field.type == FieldType::Integer) {
      field.digits = numbers[0];
    } else {
      field.length = numbers[0];
    }
    return true;
  }

  bool readOption(const std::string& word, SObjectField& field) {
    size_t equals = word.find('=');
    if (equals == std::string::npos) return readFlag(word, field);
    std::string key = word.substr(0, equals), value = word.substr(equals + 1);
    if (key == "rel") field.relationshipName = value;
    else if (key == "child") field.childRelationshipName = value;
    else if (key == "label") field.label = value;
    else if (key == "default") field.defaultValue = {DefaultValue::Kind::Literal, value};
    else if (key == "values") return readPicklistValues(value, field);
    else return error("unknown field option: " + word), false;
    return true;
  }

  bool readFlag(const std::string& flag, SObjectField& field) {
    if (flag == "required") field.nillable = false;
    else if (flag == "readonly") field.createable = field.updateable = false;
    else if (flag == "createonly") field.updateable = false;
    else if (flag == "defaulted") field.defaultedOnCreate = true;
    else if (flag == "unique") field.unique = true;
    else if (flag == "extid") field.externalId = true;
    else if (flag == "casesensitive") field.caseSensitive = true;
    else if (flag == "masterdetail") field.masterDetail = field.cascadeDelete = true;
    else if (flag == "cascade") field.cascadeDelete = true;
    else if (flag == "restrict") field.restrictedDelete = true;
    else if (flag == "restricted") field.restrictedPicklist = true;
    else if (flag == "calculated") field.calculated = true, field.createable = field.updateable = false;
    else if (flag == "autonumber") field.autoNumber = true, field.createable = field.updateable = false;
    else if (flag == "html") field.htmlFormatted = true;
    else return error("unknown field flag: " + flag), false;
    return true;
  }

  // "A|*B|C": the values in order, * marking the default.
  bool readPicklistValues(std::string_view list, SObjectField& field) {
    for (std::string& value : splitOn(list, '|')) {
      PicklistValue entry;
      entry.isDefault = value.starts_with('*');
      entry.value = entry.isDefault ? value.substr(1) : value;
      if (entry.value.empty()) return error("an empty picklist value"), false;
      entry.label = entry.value;
      if (entry.isDefault) {
        field.defaultedOnCreate = true;
        field.defaultValue = {DefaultValue::Kind::Literal, entry.value};
      }
      field.picklistValues.push_back(std::move(entry));
    }
    return true;
  }

  std::string_view fileName_;
  CatalogParse& out_;
  SObjectType* object_ = nullptr;
  size_t lineNumber_ = 0;
};

}  // namespace

CatalogParse parseCatalog(std::string_view catalog, std::string_view fileName) {
  CatalogParse out;
  CatalogReader reader(fileName, out);
  size_t lineNumber = 0;
  size_t start = 0;
  while (start < catalog.size()) {
    size_t end = catalog.find('\n', start);
    if (end == std::string_view::npos) end = catalog.size();
    reader.readLine(catalog.substr(start, end - start), ++lineNumber);
    start = end + 1;
  }
  return out;
}

std::string_view standardCatalogText() { return embeddedStandardCatalog(); }

Schema standardSchema() {
  Schema schema = parseCatalog(standardCatalogText()).schema;
  schema.link();
  return schema;
}

std::shared_ptr<const Schema> sharedStandardSchema() {
  static const std::shared_ptr<const Schema> shared = std::make_shared<const Schema>(standardSchema());
  return shared;
}

}  // namespace apex::sema

#include "interp/object.h"

#include "sema/schema.h"

namespace apex::interp {

void Heap::link(Obj* o, size_t bytes) {
  o->heap = this;
  o->bytes = bytes;
  o->next = head_;
  if (head_) head_->prev = o;
  head_ = o;
  bytes_ += bytes;
  if (bytes_ > peak_) peak_ = bytes_;
}

void Heap::unlink(Obj* o) {
  if (o->prev) o->prev->next = o->next;
  else head_ = o->next;
  if (o->next) o->next->prev = o->prev;
  bytes_ -= o->bytes;
}

void Heap::release(Obj* o) {
  if (tearingDown_) return;  // freeAll deletes every object itself
  unlink(o);
  delete o;
}

void Heap::resize(Obj* o, size_t bytes) {
  bytes_ = bytes_ - o->bytes + bytes;
  o->bytes = bytes;
  if (bytes_ > peak_) peak_ = bytes_;
}

// First every object drops its references (with tearingDown_ set, no drop
// frees anything), then every object is deleted exactly once.
void Heap::freeAll() {
  tearingDown_ = true;
  for (Obj* o = head_; o; o = o->next) o->clearReferences();
  while (head_) {
    Obj* o = head_;
    head_ = o->next;
    delete o;
  }
  bytes_ = 0;
  tearingDown_ = false;
}

}  // namespace apex::interp

namespace apex::interp {

const Value* SObjectObj::find(const sema::SObjectField* field) const {
  for (const FieldValue& f : fields)
    if (f.field == field) return &f.value;
  return nullptr;
}

std::string SObjectObj::idText() const {
  const Value* id = find(type->field("Id"));
  return id && !id->isNull() ? id->as<StringObj>()->text : std::string();
}

void SObjectObj::set(const sema::SObjectField* field, Value value) {
  for (FieldValue& f : fields) {
    if (f.field == field) {
      f.value = std::move(value);
      return;
    }
  }
  fields.push_back({field, std::move(value)});
}

}  // namespace apex::interp

// The translation unit that carries apexrun's precompiled header
// (cmake/layers.cmake: apexrun_pch); it has no code of its own.

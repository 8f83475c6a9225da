dnl SPDX-License-Identifier: MIT

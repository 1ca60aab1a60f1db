#include <hint.h>

int main(void)
{
	int slots[2] = {7, 8};
	struct box b = {slots};
	return !(clamp_hint(-5, 0, 10) == 0 && clamp_hint(5, 0, 10) == 5 && clamp_hint(50, 0, 10) == 10 &&
		 checked_once(500) == 100 && checked_once(-500) == -100 && checked_once(42) == 42 &&
		 first_slot(b) == 7 && counted(3) == 5 && counted(-3) == -1 && entry_value() == 6 && half_of(9) == 4 && half_of(-9) == -4 &&
		 digit(7) == '7' && digit(123) == '3' &&
		 tagged(5, 2) == 3);
}

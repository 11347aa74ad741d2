#include <gtest/gtest.h>

#include "status_class.h"

using namespace sipcat;

TEST(StatusClass, ClassOfCode)
{
    EXPECT_EQ(class_of(100), 1u);
    EXPECT_EQ(class_of(199), 1u);
    EXPECT_EQ(class_of(486), 4u);
    EXPECT_EQ(class_of(699), 6u);
    EXPECT_EQ(class_of(99), 0u);
    EXPECT_EQ(class_of(700), 0u);
    EXPECT_EQ(class_of(0), 0u);
}

TEST(StatusClass, Names)
{
    EXPECT_STREQ(class_name(1), "Provisional");
    EXPECT_STREQ(class_name(4), "Client Error");
    EXPECT_STREQ(class_name(6), "Global Failure");
    EXPECT_STREQ(class_name(7), "");
}

TEST(StatusClass, FallbackFollowsRfc3261Section8_1_3_2)
{
    EXPECT_EQ(fallback_code(150), 183u);
    EXPECT_EQ(fallback_code(299), 200u);
    EXPECT_EQ(fallback_code(431), 400u);
    EXPECT_EQ(fallback_code(599), 500u);
    EXPECT_EQ(fallback_code(699), 600u);
    EXPECT_EQ(fallback_code(700), 0u);
}
